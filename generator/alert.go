package generator

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAlert is the node kind of a GitHub-style alert (callout).
var KindAlert = ast.NewNodeKind("Alert")

// An Alert is a blockquote that started with [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION].
type Alert struct {
	ast.BaseBlock
	AlertType string // lower case: note, tip, important, warning, caution
}

func (a *Alert) Kind() ast.NodeKind { return KindAlert }

func (a *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Type": a.AlertType}, nil)
}

var alertTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// alertTransformer turns alert blockquotes into Alert nodes.
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
	alert := &Alert{AlertType: kind}
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		alert.AppendChild(alert, c)
		c = next
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, alert)
}

type alertRenderer struct{}

func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*Alert)
		if entering {
			var b bytes.Buffer
			b.WriteString(`<div class="callout callout-` + a.AlertType + `" role="note">`)
			b.WriteString(`<p class="callout-title">` + alertTitles[a.AlertType] + "</p>\n")
			w.Write(b.Bytes())
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
