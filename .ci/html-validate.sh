#!/usr/bin/env bash
# Builds the site into a temporary directory and validates every HTML page
# with html-validate (rules in .ci/.htmlvalidate.json). Exit status 1 on any
# error. Needs: npm ci --prefix .ci
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run . build -out "$out/public" >/dev/null
npx --prefix .ci html-validate --config .ci/.htmlvalidate.json "$out/public/**/*.html"
echo "html-validate: $(find "$out/public" -name '*.html' | wc -l) pages, no errors"
