// Package browsertest measures the cylinder simulator in headless
// chromium: a test page assembled from embed.Render, simulator.js,
// site.css (which holds the simulator's styles) and the built wasm,
// served by httptest under the site's Content-Security-Policy. It has no code of its own. The simulator's
// behaviour in the browser is tested on the real site, in package
// sitetest (TestSimulator*).
//
// Run the click-to-interactive measurement (median of 10 cold loads) with:
//
//	go test ./generator/cylinder/browsertest/ -run TestClickToInteractive -measure -v
package browsertest
