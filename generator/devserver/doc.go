// Package devserver is Keyway's preview server: it builds a site in memory,
// serves it, watches the source directories and tells open browser tabs
// to update when the output changes. It knows nothing about pages; the
// caller hands it a [BuildFunc].
//
// # Use
//
//	err := devserver.Run(ctx, devserver.Options{
//		Addr:  "127.0.0.1:1313",
//		Watch: []string{"content", "templates", "generator/cylinder"},
//		Build: build, // func(ctx, changed) devserver.Result
//		Log:   os.Stderr,
//	})
//
// Run returns when ctx is cancelled, after every goroutine it started has
// ended. A failed build (the first one too) never stops the server.
// Options.Listener replaces Addr (tests listen on 127.0.0.1:0) and
// Options.Poll forces polling.
//
// The command internal/latency times save-to-visible in headless chromium,
// with a stand-in builder (internal/fakesite), the real site or a
// 1,000-page synthetic corpus (run it from the repository root):
//
//	go run ./generator/devserver/internal/latency -site fake|real|corpus -n 20
//
// # Builds and snapshots
//
// Each build returns a [Result]. Run takes Result.Files as the new
// in-memory snapshot (or, when that is nil, copies Result.Site into one),
// compares each file with the previous snapshot's (a file that is the
// very same slice is unchanged without a look; others byte by byte) and
// swaps the snapshot in with one atomic store; a request reads the
// snapshot pointer once, so it sees the whole old site or the whole new
// one. Browsers are told only after the swap, and only when some output
// file changed (or the list of build problems changed). While a build is failing the last good snapshot is
// still served, with an overlay listing the problems.
//
// Result.Err.Error() holds one "path:line: message" per line.
// Result.SourceURL, when set and Options.Navigate is true, maps a changed
// source file to the URL path of its page so the browser goes there.
//
// # Watching
//
// Every directory under the watch roots is watched with fsnotify (hidden
// directories such as .git are skipped); new directories are watched as
// they appear. Editor temporary files (names ending in ~, .swp, .swx, .swo,
// .bck, .tmp; named 4913; starting with .# or .goutputstream; emacs #name#;
// JetBrains ___jb_ files) are ignored, as are chmod-only events and ghosts:
// paths that no longer exist when the batch is flushed and were not present
// before (the temporary half of an atomic rename-over save). Events are
// batched until 3 ms pass without a new one (at most 300 ms): one save,
// atomic or not, gives one rebuild, and a save-all or a git checkout one
// or two (events that come while a build runs wait for it and make one
// batch; a pause longer than 3 ms before the first build starts makes
// two, each of the tree as it then was). A batch holding a file that is
// empty waits 100 ms after its last event (never past the 300 ms): a save
// in place truncates the file before it writes it, and under load a build
// in between would show a blank page or a false error. The changed paths passed to the
// BuildFunc are the watch root joined with the file's path below it,
// slash-separated. If fsnotify cannot start (for example the inotify watch
// limit is reached), the roots are polled instead and the log says how to
// raise the limit.
//
// The watcher survives the file system changing under it:
//
//   - A watch root that is removed (rm -rf content), replaced by a file,
//     or missing when Run starts is looked for every 250 ms; when it is a
//     directory again it is watched again, recursively, and its files are
//     reported as changed, so the build, and the browser's overlay,
//     recover by themselves. Its removal reports its files as removed.
//   - A root that is a symbolic link is watched through the link, with
//     paths named by the link; pointing the link elsewhere (ln -sfn) is
//     reported as the old target's files removed and the new one's added.
//   - A directory that is moved or removed loses its watches, those of its
//     subdirectories too, so a directory later created at the same place,
//     or the moved one under its new name, reports under the right name. A
//     directory moved away and replaced by a file reports its files as
//     removed.
//   - A directory that cannot be watched (permission denied) is logged and
//     skipped, not a reason to poll everything; it is watched, and reported
//     as changed, when its permissions change. Only running out of watches
//     switches to polling.
//   - When the kernel's event queue overflows (a large checkout or copy),
//     events are lost, new directories among them: every root is watched
//     again from scratch and all its files are reported.
//   - Polling, too, reports a vanished root's files as removed and keeps
//     watching the other roots. Folders that send no events at all
//     (network shares, some container mounts) need Options.Poll.
//
// # Reserved paths
//
//	/_keyway/live.js   the client script; injected into every HTML response
//	                   as <script src="/_keyway/live.js" data-version=... defer>
//	/_keyway/live.css  the overlay's stylesheet (linked only while a build
//	                   is failing, so it never delays a normal reload)
//	/_keyway/events    Server-Sent Events stream; same-origin requests only;
//	                   ?page=PATH names the URL path the tab shows
//
// A site file under /_keyway/ (content/_keyway/live.js, say) is a build
// problem naming it ("_keyway/live.js: the path /_keyway/live.js is
// reserved for the preview server's own files ..."), shown in the overlay
// while the last good site is still served. It is neither served (it would
// replace the client on every page and break live reload) nor silently
// shadowed by the client. A plain build is not affected.
//
// The script and stylesheet are injected by the server only; nothing is
// written to the site. Neither uses inline scripts or style attributes, so
// a site CSP that allows 'self' scripts and styles keeps working.
//
// The script sets window.keywayLive.ready once the page is known to match
// the server's current version, and keeps that version in
// window.keywayLive.version; tests and the latency tool wait for them.
//
// # Messages to the browser
//
// Each event is a JSON object with a "type":
//
//	hello   sent on connect: the current version and build problems; a tab
//	        whose page came from another version (the server restarted or a
//	        build happened before it connected) reloads
//	reload  the site changed. When the tab's page is unchanged ("same"),
//	        the tab only takes the new version (and drops the overlay).
//	        Otherwise the message holds the page's new HTML, as it would be
//	        served ("html"; the tab fetches the page when it is missing),
//	        and when the new page loads the same stylesheets and scripts
//	        and neither page's <body> has data-live="reload", the tab puts
//	        the new <body> in place (no navigation, no request, scroll and
//	        page state kept; see Patching) and dispatches a
//	        "keyway:replaced" event on document so the page's scripts can
//	        enhance what is new; otherwise it reloads keeping the scroll
//	        position. With Navigate on and the edited page known, it goes
//	        to "url" instead.
//	css     a CSS-only change: with the page's new HTML as for reload (or
//	        "same"), the tab swaps its <link rel=stylesheet> hrefs
//	        without a reload
//	errors  the build problems changed while the served site did not: the
//	        tab shows, updates or removes the overlay
//
// The page's HTML and "same" are worked out for each tab from the page it
// named when it connected (a tab sent elsewhere gets neither), so a change
// costs a tab no request and a tab whose page did not change no work.
//
// # Patching
//
// The tab keeps the <body> it shows as the server sent it (a copy taken
// before the page's deferred scripts run, then each new page as parsed)
// and compares the new <body> with that one, not with its own DOM, which
// holds what the scripts did. Going down from <body>, a child node equal
// to the old one (isEqualNode) is kept as it is, the very same node; a
// changed element whose tag and attributes are unchanged is patched the
// same way inside; any other changed node is replaced by a copy of the new
// one. So a text edit replaces one paragraph, and unchanged simulators,
// pictures and enhanced controls are neither rebuilt nor set up again.
//
// The page's scripts take part through two properties on DOM nodes:
//
//	keywayEnhanced  set on an element a script has set up; the tab never
//	                goes inside it, it replaces it whole when it changed,
//	                so its script sets up the new one. A script that runs
//	                again on keyway:replaced must skip elements so marked
//	                (the site's do: site.js, simulator.js, search.js).
//	keywayAdded     set on a node a script added (the overlay, the
//	                simulator's skip link); the comparison skips it and
//	                the patch leaves it where it is.
//
// Where the tab's nodes no longer line up with the kept page (a script
// added or removed an unmarked node), that element is replaced whole; at
// <body> itself (or when <body>'s own attributes changed, or the tab has
// no copy yet) the whole <body> is swapped in, as before. A changed
// stylesheet or script list, or data-live="reload", still reloads.
// window.keywayLive.patched and .swapped count patches and whole swaps.
//
// # CSS-only changes
//
// A change is CSS-only when it is decided on the output, not the sources:
// every added, removed or changed file is a .css file, or an HTML file that
// differs from its previous version only in the href of its
// <link rel=stylesheet> tags (content-hashed names such as
// /assets/site.1a2b3c4d.css change every page), and at least one .css
// file changed. A tab whose page did not change at all gets "same"
// instead of its HTML and fetches its stylesheets again under the same
// URLs (with a query that defeats any cache). keyway serve names its
// stylesheets so (/assets/site.css, served with no-store like every file
// that is not content-hashed; generator.Options.StableStylesheets): a
// stylesheet edit then changes one file, not every page of the site.
//
// # Safety
//
// The default address is 127.0.0.1:1313. Any other address other machines
// can reach (a wildcard such as ":1313" or "0.0.0.0:1313", or a LAN
// address) is logged with a warning that drafts are visible to the
// network. The log, and [BrowseURL] (which the caller uses for the site's
// own URLs), name a wildcard bind by the loopback address
// (http://127.0.0.1:1313/), never http://:1313/. A request whose Host
// header is not the bound host, localhost, an IP address, the host name
// of Options.Addr or, on a wildcard bind, this machine's host name (and
// NAME.local), each with the bound port, is refused with 403 (a DNS
// rebinding defence). Paths are cleaned and looked
// up in the in-memory snapshot, so nothing outside the site can be served.
// The events stream refuses requests whose Origin is another origin or whose
// Sec-Fetch-Site is cross-site or same-site. Directories redirect to their
// trailing-slash form and serve index.html; a missing path serves the
// site's 404.html with status 404. Responses are not cached, except
// content-hashed files (site.1a2b3c4d.css), which are immutable.
package devserver
