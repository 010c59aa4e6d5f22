#!/usr/bin/env bash
# Builds the synthetic 1,000- and 10,000-page corpus with the real
# templates and prints wall time per build, pages per second and the peak
# resident memory of the process. Usage: .ci/bench.sh [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/generator.test
go test -c -o "$bin" ./generator
sizes=${*:-1000 10000}
for n in $sizes; do
	log=$(mktemp)
	( cd generator && /usr/bin/time -v "$bin" -test.run '^$' -test.bench "BenchmarkBuild/^$n-pages\$" -test.benchtime 3x ) >"$log" 2>&1 || { cat "$log"; exit 1; }
	line=$(grep -E "^BenchmarkBuild/$n-pages" "$log")
	ns=$(echo "$line" | awk '{print $3}')
	rate=$(echo "$line" | grep -oE '[0-9.]+ pages/s' | awk '{print $1}')
	rss=$(grep 'Maximum resident set size' "$log" | awk '{print $6}')
	cpu=$(grep -E 'User time|System time' "$log" | awk '{s+=$4} END {print s}')
	printf '%6d pages: %.2f s per build, %s pages/s, peak RSS %d MiB (3 builds, %.1f CPU-s in all)\n' \
		"$n" "$(echo "$ns / 1000000000" | bc -l)" "$rate" "$((rss / 1024))" "$cpu"
done
