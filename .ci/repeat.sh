#!/usr/bin/env bash
# Runs tests many times in a row and counts passes and failures per
# top-level test, to find flaky tests (browser tests above all).
# Usage: .ci/repeat.sh COUNT [go test arguments...]
#   .ci/repeat.sh 20 ./generator/sitetest/ ./generator/cylinder/browsertest/ ./generator/devserver/
#   .ci/repeat.sh 20 -run 'Simulator|Questionnaire' ./generator/sitetest/
set -uo pipefail
cd "$(dirname "$0")/.."
count=${1:?usage: .ci/repeat.sh COUNT [go test arguments...]}
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
CI=1 go test -count="$count" -timeout 0 -v "$@" >"$log" 2>&1
status=$?
echo "test                                         pass  fail"
grep -E '^--- (PASS|FAIL|SKIP): ' "$log" | awk '{n[$3]++; if ($2 == "FAIL:") f[$3]++; else if ($2 == "SKIP:") s[$3]++; else p[$3]++}
	END {for (t in n) printf "%-44s %4d  %4d%s\n", t, p[t], f[t], (s[t] ? "  (" s[t] " skipped)" : "")}' | sort
grep -E '^(ok|FAIL|panic)' "$log"
if [ "$status" -ne 0 ]; then
	echo "--- failures:"
	grep -E -A12 '^--- FAIL' "$log" | head -200
fi
exit "$status"
