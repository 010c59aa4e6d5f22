package generator

import "testing"

func TestMarkCurrent(t *testing.T) {
	mark := func(url string) string { return string(current(url)) }
	for _, c := range []struct{ in, url, want string }{
		{`<a href="/a/">`, "/a/", `<a href="/a/">`},
		{`<a href="/a/"` + mark("/a/") + `>A</a><a href="/b/"` + mark("/b/") + `>B</a>`, "/b/",
			`<a href="/a/">A</a><a href="/b/" aria-current="page">B</a>`},
		{`<a` + mark("/a/") + `><a` + mark("/a/") + `>`, "/a/", `<a aria-current="page"><a aria-current="page">`},
		{`x` + mark("/a/") + `y`, "/c/", `xy`},
		{mark("/") + mark("/") + `<a href="/"` + mark("/") + `>`, "/", ` aria-current="page" aria-current="page"<a href="/" aria-current="page">`},
		{`x` + currentMark + `/a/`, "/a/", `x` + currentMark + `/a/`}, // not closed: left as it is
	} {
		if got := string(markCurrent([]byte(c.in), c.url)); got != c.want {
			t.Errorf("markCurrent(%q, %q) = %q, want %q", c.in, c.url, got, c.want)
		}
	}
}
