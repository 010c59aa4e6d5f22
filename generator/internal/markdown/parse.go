package markdown

import (
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A Doc is one parsed document and what the rest of a build needs to know
// about it before any page is rendered.
type Doc struct {
	Root       ast.Node
	IDs        map[string]bool // every element id: headings and simulators
	TOC        []Heading       // level 2 and 3 headings, in order
	Text       string          // the plain text, words separated by one space
	Words      int
	Simulators int       // embedded simulators
	TitleID    string    // the id of the lifted title heading (ParseOptions.LiftTitle)
	Problems   []Problem // bad simulator directives
}

// A Heading is an entry of a table of contents.
type Heading struct {
	ID    string
	Text  string
	Level int
}

// A Problem is an error in the source at a byte offset.
type Problem struct {
	Offset int
	Msg    string
}

var problemsKey = parser.NewContextKey()

func addProblem(pc parser.Context, p Problem) {
	list, _ := pc.Get(problemsKey).([]Problem)
	pc.Set(problemsKey, append(list, p))
}

// ParseOptions say how to parse one document.
type ParseOptions struct {
	// LiftTitle removes the first level-1 heading (a page without front
	// matter takes its title from it, and the layout shows the title);
	// Doc.TitleID is its id.
	LiftTitle bool
}

// Parse parses src with md (built with this package's extensions) and
// gathers the document's facts.
func Parse(md goldmark.Markdown, src []byte, o ParseOptions) *Doc {
	ids := newHeadingIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(liftTitleKey, o.LiftTitle)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{Root: root, IDs: ids.used}
	d.TitleID, _ = pc.Get(titleIDKey).(string)
	d.Problems, _ = pc.Get(problemsKey).([]Problem)
	var plain strings.Builder
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *simulator:
			d.IDs[n.id] = true
			d.Simulators++
		case *ast.Heading:
			d.addHeading(n, src)
			plain.WriteByte(' ')
		case *ast.Text:
			plain.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.WriteString(stdhtml.UnescapeString(string(n.Value)))
		case *ast.Paragraph, *ast.ListItem, *east.TableCell:
			plain.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	words := strings.Fields(plain.String())
	d.Text = strings.Join(words, " ")
	d.Words = len(words)
	return d
}

func (d *Doc) addHeading(h *ast.Heading, src []byte) {
	if h.Level < 2 || h.Level > 3 {
		return
	}
	d.TOC = append(d.TOC, Heading{ID: headingID(h), Text: InlineText(h, src), Level: h.Level})
}

// InlineText is the plain text of an inline container.
func InlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			// The typographer's quotes and dashes are entities (&ldquo;);
			// the text is escaped again wherever it is shown.
			b.WriteString(stdhtml.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
