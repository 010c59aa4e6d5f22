#!/usr/bin/env bash
# Times Keyway on the synthetic corpus (package generator/internal/corpus:
# 600-1,200 words a page, headings, a table, a list, a 19-line Go block, a
# 17-line bash block and 4 links to other pages).
#
# For each size it reports two figures:
#   - end to end: "keyway check" (everything build does, writing nothing)
#     on the corpus written to disk, as one process: wall time, CPU time and
#     peak resident memory from /usr/bin/time;
#   - in process: one Build of the corpus held in memory
#     (BenchmarkBuild, -benchtime 1x), with its peak resident memory.
# Usage: .ci/bench.sh [sizes...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/keyway" .
go test -c -o "$work/generator.test" ./generator
for n in ${*:-1000 10000}; do
	( cd generator && "$work/generator.test" -test.run '^TestWriteCorpus$' -corpus.out "$work/corpus-$n" -corpus.pages "$n" >/dev/null )
	/usr/bin/time -v "$work/keyway" check --content "$work/corpus-$n" --templates templates >"$work/check.log" 2>&1 || { cat "$work/check.log"; exit 1; }
	wall=$(grep 'Elapsed (wall clock)' "$work/check.log" | awk '{print $NF}')
	cpu=$(grep -E 'User time|System time' "$work/check.log" | awk '{s+=$4} END {printf "%.1f", s}')
	rss=$(grep 'Maximum resident set size' "$work/check.log" | awk '{print int($6/1024)}')
	printf '%6d pages, end to end (keyway check): %s wall, %s CPU-s, peak RSS %d MiB\n' "$n" "$wall" "$cpu" "$rss"
	( cd generator && /usr/bin/time -v "$work/generator.test" -test.run '^$' -test.bench "BenchmarkBuild/^$n-pages\$" -test.benchtime 1x ) >"$work/bench.log" 2>&1 || { cat "$work/bench.log"; exit 1; }
	line=$(grep -E "^BenchmarkBuild/$n-pages" "$work/bench.log")
	secs=$(echo "$line" | awk '{printf "%.2f", $3/1e9}')
	rate=$(echo "$line" | grep -oE '[0-9.]+ pages/s')
	rss=$(grep 'Maximum resident set size' "$work/bench.log" | awk '{print int($6/1024)}')
	printf '%6d pages, in process (BenchmarkBuild): %s s, %s, peak RSS %d MiB\n' "$n" "$secs" "$rate" "$rss"
done
