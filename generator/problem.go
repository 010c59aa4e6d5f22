package generator

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A Problem is one input error, reported as "path:line: message".
type Problem struct {
	Path string // slash-separated, relative to the working directory as given by the flags
	Line int    // 1-based; 0 when unknown
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return p.Path + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
	}
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Problems is every problem of one build, sorted by path, line and message.
// It is the error a failed build returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(out)
}

// problemList collects problems from many goroutines.
type problemList struct {
	mu   sync.Mutex
	list Problems
}

func (pl *problemList) add(path string, line int, msg string) {
	pl.mu.Lock()
	pl.list = append(pl.list, Problem{Path: path, Line: line, Msg: msg})
	pl.mu.Unlock()
}

func (pl *problemList) addAll(ps []Problem) {
	pl.mu.Lock()
	pl.list = append(pl.list, ps...)
	pl.mu.Unlock()
}

func (pl *problemList) err() error {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if len(pl.list) == 0 {
		return nil
	}
	return pl.list.sorted()
}
