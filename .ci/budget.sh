#!/usr/bin/env bash
# Page-weight budget: every page's HTML + CSS + JS on a first visit at most
# 30 KB gzipped (search index and simulator wasm are loaded only on use and
# not counted), and no render-blocking script but the theme script. Prints
# the weight of every content page and the heaviest page.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./generator/sitetest/ -run 'TestPageWeight$' -count=1 -v | grep -E 'KB|heaviest|^(ok|FAIL|---)'
