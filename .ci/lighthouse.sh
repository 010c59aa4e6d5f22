#!/usr/bin/env bash
# Lighthouse (mobile) on the home page, one guide and the simulator page,
# served with gzip from a local server. Prints the four category scores of
# each page; exits 1 if any is below MIN_SCORE (default 90; the target is 100).
# Needs: npm ci --prefix .ci, /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
min=${MIN_SCORE:-90}
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
go run . build -out "$out/public" >/dev/null
port=${PORT:-8765}
go build -o "$out/gzserve" ./generator/sitetest/cmd/gzserve
"$out/gzserve" -dir "$out/public" -addr "127.0.0.1:$port" &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
export CHROME_PATH=/usr/bin/chromium
flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"
status=0
for page in / /guides/rekey-with-key/ /guides/how-it-works/; do
  npx --prefix .ci lighthouse "http://127.0.0.1:$port$page" --quiet --chrome-flags="$flags" \
    --output=json --output-path="$out/report.json" ${LIGHTHOUSE_FLAGS:-} --only-categories=performance,accessibility,best-practices,seo
  node -e '
    const r = require(process.argv[1]), min = Number(process.argv[3]);
    const s = Object.values(r.categories).map(c => [c.title, Math.round(c.score * 100)]);
    console.log(process.argv[2].padEnd(28), s.map(([t, v]) => t + " " + v).join("  "));
    for (const a of Object.values(r.audits)) if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual") console.log("   audit:", a.id, "-", a.title, a.displayValue || "");
    process.exit(s.every(([, v]) => v >= min) ? 0 : 1);
  ' "$out/report.json" "$page" "$min" || status=1
done
exit $status
