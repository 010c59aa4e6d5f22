package generator

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// With unsafe_html on, raw HTML in markdown reaches the page as written,
// so its relative href and src attributes get the same treatment as
// markdown links: rewritten to final URLs, and checked and reported at
// their markdown line. (With it off, raw HTML is text and has no links.)

// rewriteRawHTML replaces a raw HTML node whose links change by a code
// string holding the rewritten HTML, which the renderer writes as it is.
// The rewritten links are recorded like markdown links.
func (r *linkResolver) rewriteRawHTML(n ast.Node) {
	src := rawHTMLSource(n, r.src.body)
	out, changed := r.rewriteHTMLLinks(n, src)
	if !changed {
		return
	}
	s := ast.NewString(out)
	s.SetCode(true)
	n.Parent().ReplaceChild(n.Parent(), n, s)
}

// rawHTMLSource is the HTML a raw HTML node renders: an inline node's
// segments, or a block's lines and closing line.
func rawHTMLSource(n ast.Node, body []byte) []byte {
	var b bytes.Buffer
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(body))
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(body))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(body))
		}
	}
	return b.Bytes()
}

// rewriteHTMLLinks rewrites the link attributes of the tags in src; a tag
// whose links change is written anew, everything else is kept byte for
// byte.
func (r *linkResolver) rewriteHTMLLinks(n ast.Node, src []byte) ([]byte, bool) {
	var out bytes.Buffer
	changed := false
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes(), changed
		}
		raw := append([]byte(nil), z.Raw()...)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		if r.rewriteTagLinks(n, &tok) {
			out.WriteString(tok.String())
			changed = true
			continue
		}
		out.Write(raw)
	}
}

// rewriteTagLinks rewrites the link attributes of one tag, reporting
// whether any changed.
func (r *linkResolver) rewriteTagLinks(n ast.Node, tok *html.Token) bool {
	changed := false
	for i, a := range tok.Attr {
		if a.Namespace != "" || !isLinkAttr(tok.Data, a.Key) {
			continue
		}
		if to := string(r.rewrite(n, []byte(a.Val))); to != a.Val {
			tok.Attr[i].Val = asRendered(to)
			changed = true
		}
	}
	return changed
}
