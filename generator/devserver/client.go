package devserver

import _ "embed"

// The browser side: a script that listens to the event stream, and the
// stylesheet of the error overlay.
var (
	//go:embed client/live.js
	clientScript []byte
	//go:embed client/live.css
	clientStyle []byte
)
