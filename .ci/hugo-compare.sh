#!/usr/bin/env bash
# Times a cold Keyway build against Hugo on the same synthetic corpus
# (package generator/internal/corpus, as in bench.sh).
#
# For each size N it writes corpus-N once, then copies its markdown into a
# Hugo site with minimal layouts that do the same kind of work per page as
# Keyway's: a head, breadcrumbs, the list of the section's pages, the
# page's table of contents, its body with code highlighted by chroma into
# CSS classes (as Keyway does), previous/next links; plus a sitemap and one
# RSS feed (taxonomies and per-section feeds are off: Keyway makes
# neither). Hugo also gets no search index, JSON-LD or link check, which
# Keyway does, so the comparison favours Hugo slightly.
#
# It then runs "keyway build --no-cache" and "hugo" alternately, three
# times each, each into an empty output folder of its own, and prints
# for each the median wall time, median CPU time (user + system) and
# median peak resident memory from /usr/bin/time, and Keyway's wall, CPU
# and memory as a fraction of Hugo's. Issue 18's targets: wall <= 0.6x, memory <= 0.4x.
# Wall time on this shared 2-core machine follows the load of other jobs
# more than anything (a run beside a busy job takes twice as long), so
# the CPU ratio is printed too: it moves far less with the load. RUNS
# (default 3) sets how many alternating runs each median is taken over.
# BASE, a keyway binary (say main's, to judge a change), is run too, in
# turn with the others, and compared with Hugo the same way: a paired
# measurement, since the load changes less between neighbouring runs.
#
# Nothing is removed until the script ends: on this machine's ext4
# (no journal), files made within a minute or so of removing many cost
# about three times the system time (10,000 pages in their folders: 3.8
# s against 1.3 s), as the kernel skips the recently freed inodes one by
# one; removing the last run's pages just before a run added seconds to
# it, whichever tool it was.
#
# Usage: .ci/hugo-compare.sh [N...]   (default: 1000 10000)
# Environment: HUGO, the hugo binary (default: hugo on PATH, else
# ~/go/bin/hugo; install with
# GOFLAGS=-mod=mod go install github.com/gohugoio/hugo@v0.111.0).
# Run it on a quiet machine (load average below 1.5); it prints the load.
set -euo pipefail
cd "$(dirname "$0")/.."
hugo=${HUGO:-$(command -v hugo || echo "$HOME/go/bin/hugo")}
[ -x "$hugo" ] || { echo "no hugo at $hugo: set HUGO" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/keyway" .
go test -c -o "$work/generator.test" ./generator

# hugoSite turns the Keyway corpus $1 into a Hugo site $2.
hugoSite() {
	local from=$1 to=$2
	mkdir -p "$to/layouts/_default"
	cp -r "$from" "$to/content"
	rm -f "$to/content/site.yaml"
	cat >"$to/hugo.toml" <<'EOF'
baseURL = "https://bench.example/"
title = "Bench"
languageCode = "en"
disableKinds = ["taxonomy", "term"]
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
[markup.highlight]
noClasses = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
EOF
	cat >"$to/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.Site.Title}}</title>
<meta name="description" content="{{.Description}}">
<link rel="canonical" href="{{.Permalink}}">
</head>
<body>
<header><a href="{{relURL "/"}}">{{.Site.Title}}</a>
<nav><ul>{{range .Site.Home.Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul></nav></header>
<nav aria-label="Breadcrumb"><ol>{{range .Ancestors.Reverse}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{with .CurrentSection}}<nav aria-label="Section"><ol>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ol></nav>{{end}}
<main>{{block "main" .}}{{end}}</main>
<footer><a href="{{relURL "/sitemap.xml"}}">Sitemap</a></footer>
</body>
</html>
EOF
	cat >"$to/layouts/_default/single.html" <<'EOF'
{{define "main"}}<article><h1>{{.Title}}</h1>
{{.TableOfContents}}
{{.Content}}
</article>
<nav>{{with .PrevInSection}}<a href="{{.RelPermalink}}">{{.Title}}</a>{{end}} {{with .NextInSection}}<a href="{{.RelPermalink}}">{{.Title}}</a>{{end}}</nav>{{end}}
EOF
	cat >"$to/layouts/_default/list.html" <<'EOF'
{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}
<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a> {{.Description}}</li>{{end}}</ul>{{end}}
EOF
}

# measure runs a command and appends "wall cpu rssKiB" to the file $1.
measure() {
	local log=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
	awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4}' "$work/time" >>"$log"
}

# median prints the median of column $2 of the file $1 (the lower middle
# value when there are evenly many lines).
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); hugo: $("$hugo" version | cut -d' ' -f1-2)"
for n in ${*:-1000 10000}; do
	corpus=$work/corpus-$n
	( cd generator && "$work/generator.test" -test.run '^TestWriteCorpus$' -corpus.out "$corpus" -corpus.pages "$n" >/dev/null )
	hugoSite "$corpus" "$work/hugo-$n"
	: >"$work/keyway.log"
	: >"$work/hugo.log"
	: >"$work/base.log"
	for run in $(seq "${RUNS:-3}"); do
		out=$work/out-$n-$run
		measure "$work/keyway.log" "$work/keyway" build --no-cache --content "$corpus" --templates templates --out "$out-keyway"
		measure "$work/hugo.log" "$hugo" --quiet --source "$work/hugo-$n" --destination "$out-hugo"
		if [ -n "${BASE:-}" ]; then
			measure "$work/base.log" "$BASE" build --no-cache --content "$corpus" --templates templates --out "$out-base"
		fi
	done
	tools="keyway hugo"
	[ -z "${BASE:-}" ] || tools="keyway base hugo"
	for tool in $tools; do
		printf '%-7s corpus-%-6s wall %6ss  CPU %6ss  peak RSS %4d MiB   (runs: %s)\n' "$tool" "$n" \
			"$(median "$work/$tool.log" 1)" "$(median "$work/$tool.log" 2)" "$(($(median "$work/$tool.log" 3) / 1024))" \
			"$(awk '{printf "%ss/%dMiB ", $1, $3/1024}' "$work/$tool.log")"
	done
	for tool in ${tools% hugo}; do
		awk -v kw="$(median "$work/$tool.log" 1)" -v hw="$(median "$work/hugo.log" 1)" \
			-v kc="$(median "$work/$tool.log" 2)" -v hc="$(median "$work/hugo.log" 2)" \
			-v km="$(median "$work/$tool.log" 3)" -v hm="$(median "$work/hugo.log" 3)" -v n="$n" -v t="$tool" \
			'BEGIN {printf "ratio   %-6s corpus-%-6s wall %.2fx (target <= 0.6x), CPU %.2fx, peak memory %.2fx (target <= 0.4x)\n", t, n, kw / hw, kc / hc, km / hm}'
	done
	echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
