#!/bin/sh
# Reports the simulator wasm's raw and gzipped size and fails over budget
# (600,000 bytes gzipped). Run from anywhere inside the module.
set -eu
cd "$(go list -m -f '{{.Dir}}')"
exec go test -count=1 -run 'TestWasmBudget' -v ./generator/cylinder/wasmbuild/
