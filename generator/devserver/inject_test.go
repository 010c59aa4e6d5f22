package devserver

import "testing"

func TestInject(t *testing.T) {
	const h, b = "<H/>", "<B/>"
	tests := []struct {
		name, in, want string
	}{
		{"full document",
			"<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>",
			"<!doctype html><html><head><H/><title>t</title></head><body><B/><p>x</p></body></html>"},
		{"attributes on tags",
			`<html lang="en"><head data-x="1"><meta charset="utf-8"></head><body class="a"><p>x</p></body></html>`,
			`<html lang="en"><head data-x="1"><H/><meta charset="utf-8"></head><body class="a"><B/><p>x</p></body></html>`},
		{"upper case tags",
			"<!DOCTYPE HTML><HTML><HEAD><TITLE>t</TITLE></HEAD><BODY>x</BODY></HTML>",
			"<!DOCTYPE HTML><HTML><HEAD><H/><TITLE>t</TITLE></HEAD><BODY><B/>x</BODY></HTML>"},
		{"no doctype",
			"<html><head></head><body>x</body></html>",
			"<html><head><H/></head><body><B/>x</body></html>"},
		{"no head",
			"<!doctype html><html><body>x</body></html>",
			"<!doctype html><html><H/><body><B/>x</body></html>"},
		{"no body tag",
			"<!doctype html><html><head><title>t</title></head><p>x</p></html>",
			"<!doctype html><html><head><H/><title>t</title></head><B/><p>x</p></html>"},
		{"no html tag",
			"<!doctype html><title>t</title><p>x</p>",
			"<!doctype html><H/><title>t</title><p>x</p><B/>"},
		{"fragment",
			"<p>x</p>",
			"<H/><p>x</p><B/>"},
		{"empty",
			"",
			"<H/><B/>"},
		{"header and bodyguard are not head and body",
			"<html><header>a</header><bodyguard>b</bodyguard></html>",
			"<html><H/><header>a</header><bodyguard>b</bodyguard></html><B/>"},
		{"tags in a comment and a script are ignored",
			"<!-- <head> <body> --><html><head><script>'<body>'</script></head><body>x</body></html>",
			"<!-- <head> <body> --><html><head><H/><script>'<body>'</script></head><body><B/>x</body></html>"},
		{"unclosed head",
			"<html><head><title>t</title><p>x",
			"<html><head><H/><title>t</title><p>x<B/>"},
		{"partial tag at the end",
			"<html><head></head><body>x<di",
			"<html><head><H/></head><body><B/>x<di"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(inject([]byte(tt.in), h, b))
			if got != tt.want {
				t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWithoutStylesheetHrefs(t *testing.T) {
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"only the stylesheet hash differs",
			`<head><link rel="stylesheet" href="/assets/site.1a2b3c4d.css"></head><p>x</p>`,
			`<head><link rel="stylesheet" href="/assets/site.99999999.css"></head><p>x</p>`, true},
		{"rel with several values",
			`<link rel="Preload Stylesheet" href="/a.css">`,
			`<link rel="Preload Stylesheet" href="/b.css">`, true},
		{"text differs too",
			`<link rel="stylesheet" href="/a.css"><p>x</p>`,
			`<link rel="stylesheet" href="/b.css"><p>y</p>`, false},
		{"icon href is not a stylesheet",
			`<link rel="icon" href="/a.png">`,
			`<link rel="icon" href="/b.png">`, false},
		{"media of the stylesheet differs",
			`<link rel="stylesheet" href="/a.css" media="print">`,
			`<link rel="stylesheet" href="/a.css" media="screen">`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := withoutStylesheetHrefs([]byte(tt.a)), withoutStylesheetHrefs([]byte(tt.b))
			if same := string(a) == string(b); same != tt.same {
				t.Errorf("withoutStylesheetHrefs equal for %q and %q = %v, want %v", tt.a, tt.b, same, tt.same)
			}
		})
	}
}
