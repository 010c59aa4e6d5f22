#!/usr/bin/env bash
# Times Keyway on the benchmark sites of package generator/internal/corpus,
# each named SHAPE-N:
#   - corpus-N: N pages in sections of 50, 600-1,200 words a page, headings,
#     a table, a list, a 19-line Go block, a 17-line bash block and 4 links
#     to other pages;
#   - flat-N: one section of N trivial pages (each page's navigation and
#     the link checker grow with its siblings);
#   - headings-N: one page of N identical "## a" headings (ids a, a-1, ...).
#
# For each site it reports three figures:
#   - end to end: "keyway check" (everything build does, writing nothing)
#     on the site written to disk, as one process: wall time, CPU time and
#     peak resident memory from /usr/bin/time -v;
#   - in process: one Build of the site held in memory
#     (BenchmarkBuild/SHAPE-N, -benchtime 1x), with its peak resident memory;
#   - the build cache: "keyway build" wall time cold (--no-cache), with an
#     empty cache directory (it fills it), warm (unchanged, from the cache)
#     and after appending a line to one page, with the warm and edit times
#     as a fraction of the cold one.
# Usage: .ci/bench.sh [SHAPE-N...]   (a bare N means corpus-N; default:
# corpus-1000 corpus-10000 flat-1000 flat-10000 flat-20000 headings-20000)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/keyway" .
go test -c -o "$work/generator.test" ./generator
# seconds runs keyway build on the site $1 with the cache directory of
# $work and prints its wall time in seconds.
seconds() {
	local site=$1
	shift
	XDG_CACHE_HOME="$work/cache" /usr/bin/time -f %e -o "$work/time" "$work/keyway" build --content "$work/$site" --templates templates --out "$work/out" "$@" >/dev/null
	cat "$work/time"
}

cacheFigures() {
	local name=$1 page
	rm -rf "$work/cache" "$work/out"
	local cold empty warm edit
	cold=$(seconds "$name" --no-cache)
	empty=$(seconds "$name")
	warm=$(seconds "$name")
	# sed, not head: head would leave sort writing to a closed pipe, which
	# pipefail turns into a silent exit once the list outgrows the pipe.
	page=$(find "$work/$name" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
	echo "One more line." >>"$page"
	edit=$(seconds "$name")
	printf '%-15s build cache (keyway build): cold %ss, empty cache %ss, warm %ss (%s), one page edited %ss (%s)\n' "$name" \
		"$cold" "$empty" "$warm" "$(echo "$warm $cold" | awk '{printf "%.2fx", $1/$2}')" "$edit" "$(echo "$edit $cold" | awk '{printf "%.2fx", $1/$2}')"
}

for name in ${*:-corpus-1000 corpus-10000 flat-1000 flat-10000 flat-20000 headings-20000}; do
	case $name in
	*-*) shape=${name%-*} n=${name##*-} ;;
	*) shape=corpus n=$name ;;
	esac
	name=$shape-$n
	( cd generator && "$work/generator.test" -test.run '^TestWriteCorpus$' -corpus.out "$work/$name" -corpus.shape "$shape" -corpus.pages "$n" >/dev/null )
	/usr/bin/time -v "$work/keyway" check --content "$work/$name" --templates templates >"$work/check.log" 2>&1 || { cat "$work/check.log"; exit 1; }
	wall=$(grep 'Elapsed (wall clock)' "$work/check.log" | awk '{print $NF}')
	cpu=$(grep -E 'User time|System time' "$work/check.log" | awk '{s+=$4} END {printf "%.1f", s}')
	rss=$(grep 'Maximum resident set size' "$work/check.log" | awk '{print int($6/1024)}')
	printf '%-15s end to end (keyway check): %s wall, %s CPU-s, peak RSS %d MiB\n' "$name" "$wall" "$cpu" "$rss"
	( cd generator && /usr/bin/time -v "$work/generator.test" -test.run '^$' -test.bench "BenchmarkBuild/^$name\$" -test.benchtime 1x ) >"$work/bench.log" 2>&1 || { cat "$work/bench.log"; exit 1; }
	line=$(grep -E "^BenchmarkBuild/$name" "$work/bench.log") || { echo "no BenchmarkBuild/$name: add it to benchCases in generator/bench_test.go" >&2; exit 1; }
	secs=$(echo "$line" | awk '{printf "%.2f", $3/1e9}')
	rate=$(echo "$line" | grep -oE '[0-9.]+ pages/s')
	rss=$(grep 'Maximum resident set size' "$work/bench.log" | awk '{print int($6/1024)}')
	printf '%-15s in process (BenchmarkBuild): %s s, %s, peak RSS %d MiB\n' "$name" "$secs" "$rate" "$rss"
	cacheFigures "$name"
	rm -rf "${work:?}/$name"
done
