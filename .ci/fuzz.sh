#!/usr/bin/env bash
# Runs every fuzz target of the module, one at a time, each for the given
# duration (default 2m), and reports which of them found a failure.
#
#   .ci/fuzz.sh          # 2m per target
#   .ci/fuzz.sh 30s      # any -fuzztime value: 30s, 5m, 10000x
#
# A failing input is written by go test to the package's
# testdata/fuzz/FuzzName/ directory: commit it as a regression seed once
# the bug is fixed. Each target's output is kept in $FUZZ_LOGS (default
# a temporary directory). Exit status 1 when any target failed.
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime=${1:-2m}
logs=${FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"

# Every "func FuzzName(" in a _test.go file, as "package-dir Name".
targets=$(grep -rEo --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git \
	'^func Fuzz[A-Za-z0-9_]*\(' . |
	while IFS=: read -r file decl; do
		name=${decl#func }
		echo "$(dirname "${file#./}") ${name%(}"
	done | sort -u)
if [ -z "$targets" ]; then
	echo "no fuzz targets found"
	exit 1
fi

failed=()
passed=()
while read -r dir name; do
	log="$logs/${dir//\//_}.$name.log"
	echo "--- $name in ./$dir for $fuzztime"
	if go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "./$dir" </dev/null >"$log" 2>&1; then
		passed+=("$dir $name")
		grep -E '^fuzz: elapsed' "$log" | tail -n 1
	else
		failed+=("$dir $name")
		tail -n 20 "$log"
	fi
done <<<"$targets"

echo
echo "=== fuzzing summary ($fuzztime per target; logs in $logs)"
for t in "${passed[@]}"; do echo "ok    $t"; done
for t in "${failed[@]}"; do echo "FAIL  $t (new input in ${t% *}/testdata/fuzz/${t#* }/)"; done
[ ${#failed[@]} -eq 0 ]
