package generator

import (
	"crypto/sha256"
	"path"
	"strings"

	"keyway/generator/decide"
)

// addQuestionnaire validates content/questionnaire.yaml with package
// decide and appends to extra a page for every step, result and retired
// link; done holds the content pages, whose anchors its links may name.
func (b *builder) addQuestionnaire(done renderedPages, extra []*Page) []*Page {
	if b.content.quest == "" {
		return extra
	}
	srcPath := joinPath(b.o.ContentDir, b.content.quest)
	src, err := b.content.questSrc, b.content.questErr
	if err != nil {
		b.probs.add(srcPath, 0, "cannot read: "+err.Error())
		return extra
	}
	def, probs := b.o.Cache.checkedQuestionnaire(src, func(target string) bool { return b.targetExists(done, target) })
	if def == nil {
		def, probs = decide.Parse(srcPath, src)
		if len(probs) == 0 {
			asked := map[string]bool{}
			probs = def.Validate(func(target string) bool {
				ok := b.targetExists(done, target)
				asked[target] = ok
				return ok
			})
			if len(probs) == 0 {
				b.o.Cache.keepQuestionnaire(src, def, asked)
			}
		}
	}
	for _, p := range probs {
		b.probs.add(p.Path, p.Line, p.Msg)
	}
	if len(probs) > 0 {
		return extra
	}
	parent := b.content.byURL[decide.Root]
	if parent == nil {
		parent = b.content.byURL["/"]
	}
	pages := b.o.Cache.questionnairePages(b.structKey, func() []decide.Page { return def.Pages(b.targetURL) })
	for _, qp := range pages {
		extra = b.addExtra(extra, &Page{Kind: KindPage, URL: qp.URLPath, Parent: parent, data: qp.Data,
			FrontMatter: FrontMatter{Title: qp.Title, Description: qp.Description, Layout: qp.Layout}})
	}
	return extra
}

// targetExists reports whether a content-relative "page.md#anchor" target
// exists, judged by the pages as rendered (done). A
// page left out because its front matter is broken counts as there: its
// own problem is the one to report, not every link to it.
func (b *builder) targetExists(done renderedPages, target string) bool {
	file, frag, _ := strings.Cut(target, "#")
	if b.content.broken[path.Clean(file)] {
		return true
	}
	p := b.content.bySrc[path.Clean(file)]
	return p != nil && (frag == "" || done[p.outputPath()].links.facts.has(frag))
}

// targetURL maps a content-relative target to its root-relative URL.
func (b *builder) targetURL(target string) string {
	file, frag, _ := strings.Cut(target, "#")
	p := b.content.bySrc[path.Clean(file)]
	if p == nil {
		return ""
	}
	if frag != "" {
		return p.URL + "#" + frag
	}
	return p.URL
}

// questCheck is a questionnaire definition that passed Validate, and the
// answers Validate was given about the guides it names.
type questCheck struct {
	src   [32]byte
	def   *decide.Definition
	asked map[string]bool
}

// checkedQuestionnaire returns the definition of src when an earlier build
// parsed and validated the same source and every guide target it asked
// about still gets the same answer from exists, so that the preview does
// not walk every answer path again on each rebuild; nil otherwise.
func (c *Cache) checkedQuestionnaire(src []byte, exists func(target string) bool) (*decide.Definition, []decide.Problem) {
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	qc := c.questOK
	c.mu.Unlock()
	if qc.def == nil || qc.src != sha256.Sum256(src) {
		return nil, nil
	}
	for target, ok := range qc.asked {
		if exists(target) != ok {
			return nil, nil
		}
	}
	return qc.def, nil
}

// keepQuestionnaire remembers a definition that passed Validate with the
// answers asked.
func (c *Cache) keepQuestionnaire(src []byte, def *decide.Definition, asked map[string]bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.questOK = questCheck{src: sha256.Sum256(src), def: def, asked: asked}
	c.mu.Unlock()
}
