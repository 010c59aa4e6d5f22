// Package browsertest holds the headless-chromium tests of the cylinder
// simulator: a test page assembled from embed.Render, simulator.js,
// simulator.css and the built wasm, served by httptest under the site's
// Content-Security-Policy. It has no code of its own.
//
// Run the click-to-interactive measurement (median of 10 cold loads) with:
//
//	go test ./generator/cylinder/browsertest/ -run TestClickToInteractive -measure -v
package browsertest
