package cli

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress prints "rendered N/M pages" on a terminal once a build has run
// for more than a second.
type progress struct {
	w       io.Writer
	start   time.Time
	last    time.Time
	enabled bool
}

func newProgress(w io.Writer, start time.Time) *progress {
	f, ok := w.(*os.File)
	enabled := false
	if ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			enabled = true
		}
	}
	return &progress{w: w, start: start, enabled: enabled}
}

func (p *progress) report(done, total int) {
	if !p.enabled {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\rrendered %d/%d pages", done, total)
	if done == total {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
