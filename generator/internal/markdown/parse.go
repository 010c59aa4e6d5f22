package markdown

import (
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"keyway/generator/cylinder/embed"
)

// A Doc is one parsed document and what the rest of a build needs to know
// about it before any page is rendered.
type Doc struct {
	Root     ast.Node
	IDs      map[string]bool // every element id: headings, simulators, footnotes
	TOC      []Heading       // level 2 and 3 headings, in order
	Sections []Section       // the text by heading, for search (see sectionWriter)
	Words    int
	// EscapedIDs are ids in raw HTML shown as text (ParseOptions.UnsafeHTML
	// off), for the message about a link to one of them.
	EscapedIDs map[string]bool
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
	// UnsafeHTML says raw HTML is passed through, so its ids are anchors.
	UnsafeHTML bool
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
	var words wordCounter
	var headings []*ast.Heading
	sections := newSectionWriter()
	inHeading := ast.Node(nil) // a level 2 or 3 heading: its text is the section's heading
	// write adds text to the words, and to the search section unless it
	// is the section's own heading.
	write := func(s string) {
		words.WriteString(s)
		if inHeading == nil {
			sections.WriteString(s)
		}
	}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == inHeading {
				inHeading = nil
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *simulator:
			for _, id := range embed.IDs(n.id) {
				d.IDs[id] = true
			}
			d.Simulators++
		case *ast.RawHTML, *ast.HTMLBlock:
			d.addRawHTMLIDs(n, src, o.UnsafeHTML)
		case *east.Footnote, *east.FootnoteLink:
			d.IDs[footnoteID(n)] = true
		case *ast.Heading:
			d.addHeading(n, src)
			headings = append(headings, n)
			words.WriteString(" ")
			sections.heading(n.Level, headingID(n), InlineText(n, src))
			if n.Level == 2 || n.Level == 3 {
				inHeading = n
			}
		case *ast.Text:
			write(string(n.Segment.Value(src)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				write(" ")
			}
		case *ast.String:
			write(stdhtml.UnescapeString(string(n.Value)))
		case *ast.Paragraph, *ast.ListItem, *east.TableCell:
			words.WriteString(" ")
			sections.WriteString(" ")
		}
		return ast.WalkContinue, nil
	})
	d.addGitHubAliases(headings, src)
	endHeadings(root, src)
	d.Sections = sections.result()
	d.Words = words.n
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
