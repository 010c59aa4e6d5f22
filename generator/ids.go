package generator

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs gives headings stable, unique ids: the lowercased text with
// spaces as hyphens and punctuation dropped; "Step 3: ..." becomes "step-3".
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

var stepHeading = regexp.MustCompile(`(?i)^step\s+(\d+)\b`)

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slugify(string(value))
	if m := stepHeading.FindStringSubmatch(strings.TrimSpace(string(value))); m != nil {
		base = "step-" + m[1]
	}
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// slugify keeps letters and digits (any script), turns spaces and hyphens
// into single hyphens and drops everything else.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-':
			hyphen = true
		}
	}
	return b.String()
}
