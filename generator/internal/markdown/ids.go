package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs gives headings stable, unique ids: the lowercased text with
// spaces as hyphens and punctuation dropped; "Step 3: ..." becomes "step-3".
// A repeated base gets the first free of base-1, base-2, ...
type headingIDs struct {
	used map[string]bool
	// next is, per base, the suffix to try first: every smaller one is
	// taken already, and ids are never released, so n headings with one
	// text cost O(n), not O(n²).
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

var stepHeading = regexp.MustCompile(`(?i)^step\s+(\d+)\b`)

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slugify(string(value))
	if m := stepHeading.FindStringSubmatch(strings.TrimSpace(string(value))); m != nil {
		base = "step-" + m[1]
	}
	if base == "" {
		base = "section"
	}
	id := h.unique(base)
	h.used[id] = true
	return []byte(id)
}

// unique returns base, or base-N with the smallest N that is not used.
func (h *headingIDs) unique(base string) string {
	if !h.used[base] {
		return base
	}
	i := max(h.next[base], 1)
	id := base + "-" + strconv.Itoa(i)
	for h.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	h.next[base] = i + 1
	return id
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
