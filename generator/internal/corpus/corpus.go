// Package corpus writes a synthetic site for benchmarks and load tests:
// n pages in sections of 50 (grouped in parts of 1,000), each with front matter, 600 to 1,200 words,
// headings, a table, a list, a 19-line Go block, a 17-line bash block and
// links to other pages. The same n always gives the same corpus.
//
// Two more shapes (shapes.go) stress what grows with structure rather
// than with text: Flat, one section of n trivial pages, and Headings, one
// page of n identical headings.
package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing/fstest"
)

var words = strings.Fields(`lock key cylinder pin rack sidebar plug shear line spring driver
cut depth bitting keyway tool slot turn quarter insert remove door frame strike bolt latch
owner tenant landlord locksmith factory copy worn fresh code teach learn rekey reset simple
steady gentle careful quick brass steel the a of to and in on with for from is are it`)

const siteYAML = "title: Bench\nbase_url: https://bench.example/\nlanguage: en\n"

// Files returns the corpus as content-relative files.
func Files(n int) fstest.MapFS {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}}
	fsys["_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bench home\ndescription: The home page.\n---\nWelcome.\n")}
	for s := 0; s*50 < n; s++ {
		if s%20 == 0 {
			fsys[partDir(s*50)+"_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Part " + strconv.Itoa(s/20) + "\ndescription: A part.\n---\nSections of this part.\n")}
		}
		name := sectionDir(s*50) + "_index.md"
		fsys[name] = &fstest.MapFile{Data: []byte("---\ntitle: Section " + strconv.Itoa(s) + "\ndescription: A section.\n---\nPages of this section.\n")}
	}
	for i := range n {
		fsys[PagePath(i)] = &fstest.MapFile{Data: []byte(Page(i, n))}
	}
	return fsys
}

// PagePath is the content-relative path of page i: parts of 1,000 pages
// hold sections of 50.
func PagePath(i int) string {
	return sectionDir(i) + "page-" + strconv.Itoa(i) + ".md"
}

func partDir(i int) string { return "part-" + strconv.Itoa(i/1000) + "/" }

func sectionDir(i int) string { return partDir(i) + "section-" + strconv.Itoa(i/50) + "/" }

// Page returns the markdown of page i of n.
func Page(i, n int) string {
	r := rand.New(rand.NewPCG(uint64(i), uint64(n)))
	var b strings.Builder
	b.WriteString("---\ntitle: Page " + strconv.Itoa(i) + "\ndescription: Synthetic page " + strconv.Itoa(i) + ".\nweight: " + strconv.Itoa(i) + "\nlastmod: 2026-11-26\n---\n\n")
	target := 600 + r.IntN(601)
	written := 0
	for section := 0; written < target; section++ {
		b.WriteString("## Part " + strconv.Itoa(section) + " of the page\n\n")
		written += paragraph(&b, r, 120)
		switch section {
		case 0:
			table(&b, r)
			list(&b, r)
		case 1:
			goBlock(&b, i)
			links(&b, r, i, n)
		case 2:
			bashBlock(&b, i)
		}
	}
	return b.String()
}

func paragraph(b *strings.Builder, r *rand.Rand, count int) int {
	for j := range count {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	b.WriteString(".\n\n")
	return count
}

func table(b *strings.Builder, r *rand.Rand) {
	b.WriteString("| Position | Depth | Note |\n|---|---|---|\n")
	for row := 1; row <= 5; row++ {
		b.WriteString("| " + strconv.Itoa(row) + " | " + strconv.Itoa(1+r.IntN(6)) + " | " + words[r.IntN(len(words))] + " |\n")
	}
	b.WriteString("\n")
}

func list(b *strings.Builder, r *rand.Rand) {
	for range 5 {
		b.WriteString("- " + words[r.IntN(len(words))] + " " + words[r.IntN(len(words))] + "\n")
	}
	b.WriteString("\n")
}

func links(b *strings.Builder, r *rand.Rand, i, n int) {
	b.WriteString("See also:")
	for range 4 {
		j := r.IntN(n)
		rel := "../../" + PagePath(j)
		b.WriteString(" [page " + strconv.Itoa(j) + "](" + rel + "#part-0-of-the-page)")
	}
	b.WriteString(".\n\n")
}

func goBlock(b *strings.Builder, i int) {
	id := strconv.Itoa(i)
	b.WriteString("```go\npackage bench" + id + "\n\nimport \"fmt\"\n\n// Cylinder" + id + " is one lock.\ntype Cylinder" + id + " struct {\n\tCuts [5]int\n\tName string\n}\n\n")
	b.WriteString("func (c *Cylinder" + id + ") Turn(key [5]int) bool {\n\tfor i, cut := range key {\n\t\tif c.Cuts[i] != cut {\n\t\t\treturn false\n\t\t}\n\t}\n\tfmt.Println(\"open\", " + id + ")\n\treturn true\n}\n```\n\n")
}

func bashBlock(b *strings.Builder, i int) {
	id := strconv.Itoa(i)
	b.WriteString("```bash\n#!/usr/bin/env bash\nset -euo pipefail\n# page " + id + "\nfor f in content/*.md; do\n  if grep -q 'draft: true' \"$f\"; then\n    echo \"skip $f\"\n    continue\n  fi\n  wc -w \"$f\"\ndone\n")
	b.WriteString("count=" + id + "\nwhile [ \"$count\" -gt 0 ]; do\n  count=$((count - 1))\ndone\necho done\nexit 0\n```\n\n")
}
