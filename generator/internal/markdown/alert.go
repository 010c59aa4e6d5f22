package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindAlert is the node kind of a GitHub-style alert (callout).
var kindAlert = ast.NewNodeKind("Alert")

// An alert is a blockquote that started with [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION].
type alert struct {
	ast.BaseBlock
	alertType string // lower case: note, tip, important, warning, caution
}

func (a *alert) Kind() ast.NodeKind { return kindAlert }

func (a *alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Type": a.alertType}, nil)
}

var alertTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// Alerts turns blockquotes that start with an alert marker into
// <div class="callout callout-KIND" role="note"> with a title paragraph.
var Alerts goldmark.Extender = extender{alertTransformer{}, 100, alertRenderer{}}

// alertTransformer turns alert blockquotes into alert nodes.
type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, bq)
		}
		return ast.WalkContinue, nil
	})
	for _, bq := range quotes {
		convertAlert(bq, src)
	}
}

func convertAlert(bq *ast.Blockquote, src []byte) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	marker := strings.TrimSpace(string(first.Value(src)))
	if !strings.HasPrefix(marker, "[!") || !strings.HasSuffix(marker, "]") {
		return
	}
	kind := strings.ToLower(marker[2 : len(marker)-1])
	if _, known := alertTitles[kind]; !known {
		return
	}
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if t, ok := c.(*ast.Text); ok && t.Segment.Stop <= first.Stop {
			para.RemoveChild(para, c)
		}
		c = next
	}
	if para.ChildCount() == 0 {
		bq.RemoveChild(bq, para)
	}
	a := &alert{alertType: kind}
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c)
		c = next
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, a)
}

type alertRenderer struct{}

func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAlert, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*alert)
		if entering {
			w.WriteString(`<div class="callout callout-` + a.alertType + `" role="note">`)
			w.WriteString(`<p class="callout-title">` + alertTitles[a.alertType] + "</p>\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
