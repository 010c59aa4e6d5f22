package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// footnoteID is the id goldmark's footnote extension (used without an id
// prefix) writes on a node: fn:N on note N, fnref:N on the first
// reference to it and fnref1:N, fnref2:N... on later ones; "" on any
// other node. Parse lists these ids so that a hand-written link to a
// note (#fn:1) is an anchor like any other.
func footnoteID(n ast.Node) string {
	switch n := n.(type) {
	case *east.Footnote:
		return "fn:" + strconv.Itoa(n.Index)
	case *east.FootnoteLink:
		ref := "fnref"
		if n.RefIndex > 0 {
			ref += strconv.Itoa(n.RefIndex)
		}
		return ref + ":" + strconv.Itoa(n.Index)
	}
	return ""
}
