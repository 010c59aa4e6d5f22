package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// stage is one part of the time from save to visible.
type stage struct {
	name  string
	times []time.Duration
}

// Stages of breakdown, in order.
const (
	stWatch = iota
	stBuild
	stSnapshot
	stNotify
	stFetch
	stSwap
	stCommit
	stSubresources
	stShow
)

var stageNames = []string{
	stWatch:        "watch + batch (write -> build starts)",
	stBuild:        "build (BuildFunc; all builds of the edit)",
	stSnapshot:     "snapshot (build returns -> output read and hashed)",
	stNotify:       "notify (-> message in the browser, or reload starts)",
	stFetch:        "fetch (-> new HTML received)",
	stSwap:         "swap (-> new body parsed, in place, scripts run)",
	stCommit:       "commit (reload: -> new document's first subresource request)",
	stSubresources: "subresources (reload: -> last render-blocking CSS/JS received)",
	stShow:         "show (-> change seen on an animation frame)",
}

// breakdown splits each edit's time into stages, using the builds that
// started between the write and the moment the change was visible.
func breakdown(edits []shown, log *buildLog) []stage {
	stages := make([]stage, len(stageNames))
	for i, n := range stageNames {
		stages[i].name = n
	}
	add := func(i int, d time.Duration) { stages[i].times = append(stages[i].times, d) }
	for _, e := range edits {
		builds := log.between(e.written, e.visible)
		if len(builds) == 0 {
			continue
		}
		first, last := builds[0], builds[len(builds)-1]
		var building time.Duration
		for _, b := range builds {
			building += b.end.Sub(b.start)
		}
		add(stWatch, first.start.Sub(e.written))
		add(stBuild, building)
		add(stSnapshot, last.lastRead.Sub(last.end))
		if e.reloaded() {
			add(stNotify, e.navStart.Sub(last.lastRead))
			add(stFetch, e.responseEnd.Sub(e.navStart))
			requested := later(e.responseEnd, e.firstReq)
			blocked := later(requested, e.blockingEnd)
			add(stCommit, requested.Sub(e.responseEnd))
			add(stSubresources, blocked.Sub(requested))
			add(stShow, e.visible.Sub(blocked))
			continue
		}
		if e.message.IsZero() {
			add(stNotify, e.visible.Sub(last.lastRead))
			continue
		}
		add(stNotify, e.message.Sub(last.lastRead))
		shownFrom := e.message
		if !e.received.IsZero() {
			add(stFetch, e.received.Sub(e.message))
			shownFrom = e.received
		}
		if !e.swapped.IsZero() {
			add(stSwap, e.swapped.Sub(shownFrom))
			shownFrom = e.swapped
		}
		add(stShow, e.visible.Sub(shownFrom))
	}
	return stages
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// builds counts the builds of each edit and whether any failed.
func buildCounts(edits []shown, log *buildLog) (total, failed int) {
	for _, e := range edits {
		for _, b := range log.between(e.written, e.visible) {
			total++
			if b.failed {
				failed++
			}
		}
	}
	return total, failed
}

func report(w io.Writer, what string, edits []shown, log *buildLog, verbose bool) {
	var total []time.Duration
	reloads := 0
	for _, e := range edits {
		total = append(total, e.visible.Sub(e.written))
		if e.reloaded() {
			reloads++
		}
	}
	fmt.Fprintf(w, "%s (n=%d, %d by reload): %s\n", what, len(total), reloads, summary(total))
	builds, failed := buildCounts(edits, log)
	fmt.Fprintf(w, "  builds: %d for %d edits, %d failed; stages:\n", builds, len(edits), failed)
	for _, s := range breakdown(edits, log) {
		if len(s.times) > 0 {
			fmt.Fprintf(w, "    %-68s %s\n", s.name, summary(s.times))
		}
	}
	if verbose {
		printSlowest(w, edits)
	}
}

// printSlowest prints the resource timings of the slowest edit, in
// milliseconds from the start of its document.
func printSlowest(w io.Writer, edits []shown) {
	slowest := slices.MaxFunc(edits, func(a, b shown) int {
		return cmp.Compare(a.visible.Sub(a.written), b.visible.Sub(b.written))
	})
	fmt.Fprintf(w, "  slowest edit (%s), loads of the shown document:\n", ms(slowest.visible.Sub(slowest.written)))
	for line := range strings.SplitSeq(slowest.loads, "\n") {
		fmt.Fprintf(w, "    %s\n", line)
	}
}

// summary gives the median, min, p90 and max of times.
func summary(times []time.Duration) string {
	s := slices.Clone(times)
	slices.Sort(s)
	return fmt.Sprintf("median %s, min %s, p90 %s, max %s",
		ms(s[len(s)/2]), ms(s[0]), ms(s[len(s)*9/10]), ms(s[len(s)-1]))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
