package decide

import (
	"fmt"
	"sort"
)

// A Problem is one thing wrong with a definition, at a place in its file.
type Problem struct {
	Path string // the definition's path, as given to Parse
	Line int    // 1-based; 0 when no line applies
	Msg  string
}

// String renders the problem as "path:line: message" ("path: message" without a line).
func (p Problem) String() string {
	if p.Line == 0 {
		return fmt.Sprintf("%s: %s", p.Path, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
}

// sortProblems orders problems by path, line and message, and drops exact repeats.
func sortProblems(ps []Problem) []Problem {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}
