package generator

import (
	"path"
	"strings"

	"keyway/generator/decide"
)

// addQuestionnaire validates content/questionnaire.yaml with package
// decide and adds a page for every step, result and retired link.
func (b *builder) addQuestionnaire() {
	if b.content.quest == "" {
		return
	}
	srcPath := joinPath(b.o.ContentDir, b.content.quest)
	src, err := b.content.questSrc, b.content.questErr
	if err != nil {
		b.probs.add(srcPath, 0, "cannot read: "+err.Error())
		return
	}
	def, probs := decide.Parse(srcPath, src)
	if len(probs) == 0 {
		probs = def.Validate(b.targetExists)
	}
	for _, p := range probs {
		b.probs.add(p.Path, p.Line, p.Msg)
	}
	if len(probs) > 0 {
		return
	}
	parent := b.content.byURL[decide.Root]
	if parent == nil {
		parent = b.content.byURL["/"]
	}
	pages := b.o.Cache.questionnairePages(b.structKey, func() []decide.Page { return def.Pages(b.targetURL) })
	for _, qp := range pages {
		b.addExtra(&Page{Kind: KindPage, URL: qp.URLPath, Parent: parent, data: qp.Data,
			FrontMatter: FrontMatter{Title: qp.Title, Description: qp.Description, Layout: qp.Layout}})
	}
}

// targetExists reports whether a content-relative "page.md#anchor" target
// exists. Anchors are known because pages are parsed before this runs. A
// page left out because its front matter is broken counts as there: its
// own problem is the one to report, not every link to it.
func (b *builder) targetExists(target string) bool {
	file, frag, _ := strings.Cut(target, "#")
	if b.content.broken[path.Clean(file)] {
		return true
	}
	p := b.content.bySrc[path.Clean(file)]
	return p != nil && (frag == "" || b.linked[p.outputPath()].facts.has(frag))
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
