// Package generator builds the Keyway site: it loads markdown pages and
// data from a content directory and html/template files from a templates
// directory (both as fs.FS), renders every page, checks every link and
// anchor of the output, and returns the site in memory (Output), which
// Output.Write swaps into place. This comment is the specification.
//
// # Build
//
// Build runs load -> parse -> render -> check. All problems of a run are
// returned at once as Problems, sorted, each "path:line: message" with the
// path as the user named it (content/guides/a.md:12: ...) and the line
// when known; a failed build returns no output, so Output.Write never runs
// and the output directory stays as it was. Build stops at the next page
// once its context is cancelled and returns the context's error.
//
// Output.Write writes into a new directory beside the target and renames
// it into place only when every file is written; a cancelled write removes
// it and leaves the target as it was. keyway build --no-cache does not hold
// the site in memory: WriteDir makes that new directory first and the Build
// (Options.Dir) writes each file into it as soon as it is rendered, on the
// core that rendered it; a failed or cancelled build removes it, so the
// swap stays all or nothing. With its build cache, keyway build renders
// in memory and Output.Write updates only what changed (below). Every build writes the marker file
// .keyway-build (OutMarker) into the output: it is what lets a later build
// replace the directory. CheckOutDir refuses an output directory whose
// name is empty, the file system root, a repository root (holding .git or
// go.mod), an existing file that is not a directory, a symbolic link to
// nothing, one that overlaps the content or templates directory, and,
// unless the user says --replace-out, a directory that is not empty and
// holds no marker (a directory holding _headers, 404.html, sitemap.xml and
// search-index.json counts as an earlier build). A symbolic link as the
// output is built into the directory it names; a mount point, which cannot
// be renamed, has its contents swapped instead (so does a directory whose
// rename fails with EXDEV or EBUSY, a mount point not recognised as one:
// the finished site is then copied into it). Builds to one directory
// take turns (an flock on its parent) and remove the temporary folders
// that killed builds left.
//
// Identical input gives
// byte-identical output: nothing depends on map order, time or host.
// Pages are parsed, rendered and checked in parallel on all cores; links
// to anchors in other pages are checked once every page is parsed.
//
// # Content
//
// content/site.yaml configures the site: title, description, base_url (an
// absolute URL or a path; its path, such as /keyway/, is the base path
// every internal link carries), language, unsafe_html (pass raw HTML in
// markdown through; default false: raw HTML is shown escaped),
// other_site_paths (see Links) and publisher {name, phone, area, email}. Unknown keys are errors.
//
// A page is content/**/NAME.md, optionally starting with front matter in
// YAML (between --- lines) or TOML (between +++ lines). A page without
// front matter, as written for GitHub, takes its title from its title
// heading: its first level-1 (#) heading, or, when it has none, a heading
// of any level that opens the page. The layout then shows that heading as
// the title instead of the body (PageView.TitleID keeps its id). An mdBook
// SUMMARY.md at the top of the content directory gives the pages it links
// to that have no front matter their order (as weights 1, 2, ...) and,
// when they have no such heading, their title (its link text); SUMMARY.md
// itself is an ordinary page.
// The description is the first top-level paragraph with words outside
// images (footnote references left out), cut at a word to at most 160 bytes with an ellipsis (the title
// when there is none). A page with neither front matter nor a title is an
// error. Front matter
// keys: title and description (both required, not empty, when there is
// front matter), weight (whole number; pages are
// ordered by weight, then title), draft (true leaves the page out unless
// Options.Drafts), slug (replaces NAME in the URL; no slash or dots),
// aliases (old root-relative URLs, plain or percent-encoded; each gets a
// redirect page, at the decoded path, with a canonical link, a meta
// refresh and a visible link), date and lastmod
// (2026-11-26 or RFC 3339), layout, summary and params (free-form). Any
// other key is an error naming the key and its line; a page whose keys
// have problems is still rendered and its links checked, so that one run
// reports both (a block that cannot be read at all leaves the page out).
// Body line numbers in messages are file line numbers.
//
// URLs come from paths: content/a/b.md is /a/b/ (written to a/b/index.html);
// content/a/index.md is /a/ and its folder holds its files; content/a/_index.md
// is the section page /a/ that lists the pages in its folder;
// content/_index.md is the home page. As on GitHub, a folder's README.md
// (any letter case) is its page where it has no _index.md or index.md, and
// an ordinary page (/a/README/) where it has one. A folder's index.md or
// README.md is a section page when the folder holds other pages, and the
// one at the top is the home page when there is no _index.md. A content
// directory with none of these at its top (a Hugo content folder or an
// mdBook src often has none) gets a generated home page, as Hugo and Zola
// make one: site.yaml's title and description ("The pages of TITLE." when
// it has none) over the home layout's list of top-level pages, at Source
// _index.md. A link to a folder (release/) goes to its page. Two
// pages with one URL are an error.
// Any other file under content/ is copied to the same relative path, except
// site.yaml and questionnaire.yaml. Hidden files are ignored. A symbolic link
// to a file inside content/ is followed; one that loops, dangles, leads
// outside or names a directory is an error. A page must be valid UTF-8,
// without NUL bytes, and at most 4 MiB; a leading byte order mark is
// ignored. A named pipe, socket or device under content/ is an error
// (reading one could block forever). A file or folder name, slug or alias
// part that a host cannot store or a URL cannot carry is an error: control
// and invisible format characters (bidirectional and zero-width marks), the
// characters <>:"\|?*#, a trailing dot or space, and the names Windows
// reserves (CON, NUL, COM1...). A front matter key given twice is an error.
//
// Every output file is planned before anything is written: a file where
// another output needs a folder (content/about beside about.md, an alias
// /sitemap.xml, a page robots.txt.md) and two output paths that differ
// only in letter case (they collide on macOS and Windows) are errors at
// the content file and line that cause them. A page whose front matter
// fails is still known by its path: links to it are not reported again.
//
// # Markdown
//
// goldmark with CommonMark, GFM (tables, strikethrough, autolinks, task
// lists), footnotes, definition lists and typographer, and Keyway's own
// extensions in package internal/markdown (one file each). Headings get ids
// from their text (letters and digits of any script, lower case, spaces as
// hyphens, made unique with the first free of -1, -2, ...; a heading
// written as "a-1" is stepped over, not collided with); a heading starting "Step N" gets the
// id step-N, and it and what follows it, up to the next heading of the same
// or a higher level, are wrapped in <div class="step"> so a printed step
// stays on one page. Where GitHub would give a heading another id (GitHub
// keeps one hyphen per space, so "A & B" is a--b, not a-b; "Step 3: Open"
// is step-3-open; repeats count from -1 as Keyway's do), the heading also
// holds an empty <span> with that id when no other anchor has it, so links
// written for GitHub resolve at build time and in the browser while
// Keyway's own ids stay as they were. Footnotes have goldmark's ids (fn:N
// on note N, fnref:N and fnref1:N, fnref2:N... on its references), which
// hand-written links may name like any other anchor. Raw HTML ids (id= on any element,
// name= on <a>) are anchors for links from other pages when unsafe_html
// is on; when it is off, a link to one is reported with a note naming
// unsafe_html. Each heading ends with a self-link (class "anchor") whose
// accessible name is "Link to this section"; the link and the heading's last
// word (the inlines after its last space) are wrapped in
// <span class="heading-end">, which site.css keeps on one line. Blockquotes that start with
// [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] become
// <div class="callout callout-KIND" role="note"> with a title paragraph.
// Fenced code is highlighted by chroma with CSS classes (never inline
// styles), inside <figure class="code"> with a <figcaption class="code-lang">
// naming the language; each distinct block is highlighted once (a Cache
// keeps them across builds). The light (modus-operandi) and dark (modus-vivendi)
// styles are appended to assets/site.css, the dark one scoped to
// [data-theme="dark"] and to prefers-color-scheme: dark unless
// [data-theme="light"].
//
// A fenced block with the info string "simulator scenario=NAME" (spaces
// after the fence allowed, as CommonMark reads it) embeds the cylinder
// simulator (package cylinder/embed renders its static poster and
// controls); its text is the caption. Ids are sim-NAME, then sim-NAME-2...
// The directive is recognised in one place, the markdown layer. Pages
// that embed one have PageView.HasSimulator set, and the simulator is
// compiled, once, when the first such page is rendered, and written as
// the asset cylinder.wasm, with a gzip -9 copy (.wasm.gz) and a brotli
// copy at its best setting (.wasm.br) beside it for hosts that serve
// precompressed files; the brotli copy is cached by the wasm's hash in the
// user's cache directory, since it takes seconds. A site without one never
// compiles it.
//
// # Links
//
// Relative links to .md files (with an optional #anchor, plain or
// percent-encoded) become the target page's URL; a missing page or anchor
// is an error at the link's line. With unsafe_html on, the href and src
// attributes of raw HTML in markdown get the same rewriting and checking,
// at their markdown line (a tag whose links change is written anew by
// x/net/html; other raw HTML is kept byte for byte). A root-relative link to a .md file
// (/guide/setup.md) is a path in the content directory, as an mdBook src
// writes it, and NAME.html names the page NAME.md unless the content has a
// file NAME.html (mdBook's books link to chapters by their output names).
// Other relative links resolve against the source file's folder.
// Root-relative links get the base path, except those under a path of
// site.yaml's other_site_paths (root-relative, such as /blog/; covering
// /blog/x but not /blogger), which belong to another site on the same host
// and are left as written and never checked. A ?query is kept as written.
// A link to an anchor of the page itself that matches an id only in other
// letter case (#Usage for usage) is rewritten to that id, as GitHub's pages
// find an anchor in any case; a link to another page's anchor in other case
// is an error naming the id (that page's ids are known only after the link
// is rendered). After rendering, every href, src,
// form action and data-wasm in every HTML file of the output (templates
// included) must name an output file, and its #fragment an id in that
// file; a broken link is reported at its markdown line, or at the layout
// that produced it. Messages show a link from markdown as the author wrote
// it and, where that differs by more than percent-encoding, as it was
// resolved: link to missing page or file "release/" (resolved to
// "/release/"). External links are never fetched. Each distinct link
// of a file is checked once, by hash lookups: checking costs O(links).
//
// A markdown image of a PNG, JPEG, GIF or SVG file in the content
// directory gets that file's width and height (an SVG's width and height
// in px or without a unit, else its viewBox, or one of them and the
// viewBox's proportions), so the browser keeps the picture's space before
// it arrives; the style sheet scales it with height: auto. Such an image
// also gets loading="lazy" and decoding="async" (browsers still load
// every picture before printing). A file whose
// size cannot be read gets none, without a problem. Every picture file
// (PNG, JPEG, GIF, WebP, AVIF, SVG) is also copied to
// assets/NAME.HASH.EXT (the name in lower case, the hash of its bytes), and
// a markdown image of it shows that copy, keeping any query or fragment,
// so _headers lets browsers keep it for a year; the file is at its own
// path as well. The sizes and hashes are part of the cache's key, so a
// changed picture re-renders the pages.
//
// # Templates
//
// templates/base.html is the frame and must call {{template "main" .}};
// templates/partials/*.html define named templates; each
// templates/layouts/NAME.html defines "main" for one layout. A page's
// layout is its front matter layout, else its kind: home, section or page.
// Generated pages use 404 (written to 404.html), search (/search/, a list
// of every page) and the questionnaire layouts decide-step, decide-result
// and decide-changed. Parse and execution errors name the template file
// and line.
//
// Every layout receives *PageData: Site (*Site: Title, Description,
// Language, Publisher{Name, Phone, Area, Email; TelURL}, CSP, BasePath),
// Content (the page's rendered markdown body; empty on generated pages),
// Page (*PageView: the page's *Page, with Title, Description, Kind, URL,
// Permalink, Parent, Pages, Prev, Next, Breadcrumbs, Date, Lastmod,
// Params, IsHome, Summary, SectionNav and MainNav, and what parsing its
// own body found: TOC [{ID, Text, Level}] of h2 and h3, LongTOC, Words,
// TitleID, HasSimulator), Home (the home page) and Data (the
// questionnaire's view, or every page in reading order on the search
// page). Other pages reached from it are plain *Page: a layout cannot
// show another page's TOC or Words (it fails with "can't evaluate field
// Words in type *generator.Page"), since a cached page is not rendered
// again when another page's body changes.
// Page.SectionNav is the navigation of the page's section (for a section
// page, its own; nil for the home page, top-level pages and empty
// sections): Section, Total (its page count), Pages and Partial. A section
// of up to 50 pages gives all of them; a larger one gives 21: the page and
// 10 each side (the first or last 21 near either end, the first 21 on the
// section page), and Partial is true; and the section-nav partial then links to the section
// page, whose listing holds every page, so a section of n pages renders and
// checks in O(n), not O(n²). Page.MainNav is the header's main navigation
// (Section is the home page): every top-level page when there are at most
// 7, else 7 of them in order, sections first, then the first pages, always
// including the top-level page that the page is or lies under, and Partial
// is true (the header then links to the home page for all of them); a
// flat folder of many pages is not one header row of them. Generated pages
// (404, search, the questionnaire's) are never in it. Functions: asset NAME
// (the content-hashed URL of templates/assets/NAME; CSS and JS are
// minified), inlineScript NAME (the minified text of
// templates/assets/NAME, whose name must end in .inline.js, for the body
// of a <script> element: such a script is never written as a file, must
// not contain "</script", and the site's Content-Security-Policy, .Site.CSP
// and _headers, allows exactly its bytes by their SHA-256 hash; for a
// script that must run before the first paint without a blocking
// request), relURL (prefix the base path to a root-relative path), absURL,
// printURL (the address a printed page shows for a root-relative path: host
// and path, without "https://"), qrCode URL (an inline SVG QR code of an
// absolute http(s) URL, drawn at build time by package internal/qrsvg with
// medium error correction; empty for a URL without a host), date
// (2 January 2006), isoDate (2006-01-02) and jsonLD .Page (schema.org
// BreadcrumbList, whose first item is named "Home" whatever the home
// page's title, and Article), current URL (in a tag: becomes
// aria-current="page" on the page at URL, else nothing) and sharedNav .
// NAME NAV (renders the template NAME of the page's layout with a
// SectionNav once per build for every page showing that same navigation,
// and shares it; with current in it, each page still has its own link
// marked: the section-nav partial is rendered so, since each of a
// section's pages showed the same 50 links).
//
// Print. Every markdown link to another page of the site (not to an anchor
// of its own page) carries data-print-url, its printURL, so the print
// stylesheet shows an address a paper reader can type, with no
// JavaScript; links to other sites print their href. The footer partial's
// print-head heads the first printed sheet with qrCode of the page's
// Permalink, its printURL and the publisher; a layout may redefine
// print-code and print-code-note (decide-step does, to leave the code off
// the question pages, which are steps of a form and no handout).
//
// A layout may show other pages' front matter (titles, descriptions,
// order) but not their bodies: a page's Content is in its own PageData
// only; each page is parsed, rendered and written in one pass, its body
// released after, and a Cache reuses a page only while its own source and
// the site's structure are unchanged.
//
// # Cache
//
// A Cache (cache.go) memoizes, by each page's source and the site's
// structure key, the page's rendered HTML, its parse facts (ids, table of
// contents, words, simulators, links with their lines), what the output
// checker found in it and its search index entry; and minified assets by
// their source, decoded front matter by its text, highlighted code blocks
// by their text; and, in memory only, the simulator's .gz by the
// simulator, the questionnaire's validation by its source and the answers
// about the guides it links to, and the last successful build's output
// paths (the same paths cannot clash, so they are not checked again). A
// page reused with new asset URLs has the links found in it renamed the
// same way, not the page scanned again. The structure key covers the site configuration, every
// template, the asset names, the inline scripts, the questionnaire and every page's path and
// front matter (an asset whose content changed is substituted by its new
// hashed URL; a new simulator renders its pages again). A page whose key
// is unchanged is neither parsed nor rendered, and its links are checked
// again against the new output. Output with a Cache is byte-identical to
// output without one. When a build succeeds the Cache drops every entry
// it did not use, so it never holds more than one build's work. The
// preview server keeps one in memory; nil means none.
//
// A Cache in memory (a build not for Write nor into a folder: the
// preview server's) also keeps two things of the last build:
//
//   - The link check (linkState, cachelinks.go): the next check under
//     the same structure judges again only the files whose links changed
//     and the files whose links looked at an output file that appeared,
//     went, or changed its ids or render failure, or at a page whose
//     anchors changed; every other file keeps its last problems. The
//     problems are a full check's (TestIncrementalLinkCheckIsFull).
//   - The last successful build itself (lastBuild, cacherebuild.go).
//     With Options.Changed (the content files changed since it; the
//     preview passes what its watcher reported, and nothing else may have
//     changed), when every changed file is an existing page that keeps
//     its front matter, title, description and weight, so that the
//     structure key is unchanged, only those pages are rendered again:
//     the rest of the output, sitemap and feed included, is the last
//     build's, the search index is joined again, the questionnaire's
//     answers about anchors are asked again, and the links are checked
//     from the last check without a look at unchanged files. Any other
//     change, any problem and any new output file (a first simulator)
//     makes a full build instead, which reports the problems; only a
//     successful build is kept, so Changed always counts from the build
//     just before. Output equals a full build's (TestRebuildPagesIsCold).
//     Such a build does not drop unused entries (code blocks, front
//     matter): the next full build does. With StableStylesheets,
//     Options.ChangedStylesheets adds stylesheets of templates/assets/ to
//     what changed: the assets are loaded again and, when every URL and
//     inline script is as it was, only their files change.
//
// Options.StableStylesheets (the preview's) names each stylesheet of
// templates/assets/ by its name alone, /assets/site.css, instead of by a
// hash of its content, so that a stylesheet edit changes that file only
// and no page; keyway build never sets it.
//
// keyway build keeps the Cache on disk between runs (LoadCache,
// Cache.Save), one file per site (content and templates directories) at
// CacheFile: os.UserCacheDir()/keyway/build/HASH.cache, beside the
// compiled simulator's cache; keyway serve keeps one too (CacheFileFor,
// keyed by its preview URL), loaded at start and saved after the first
// successful build and when it stops. The file (cachefile.go) carries a
// magic line, a format version, the SHA-256 of the keyway executable
// that wrote it, a CRC-32C of the header and one of the index; a file of
// another version or executable is ignored silently, and one that is not
// a cache, fails a checksum or does not decode is ignored with a
// warning; the build then starts from nothing and replaces the file.
// Loading reads the header, the index and the decoded front matter
// (without params) only: a page's HTML and search entry are read when a
// build needs them and checked then (by the page's SHA-256, by CRC-32C);
// damage found so late is ErrCacheCorrupt, and keyway build warns and
// builds again without the cache. Save appends new blobs and a new index
// and rewrites the header; a file holding more dead bytes than live ones
// is written afresh. An unchanged build only touches the file; Save
// removes the files of all but the 8 most recently built sites.
// --no-cache neither reads nor writes it.
//
// With Options.ForWrite (keyway build), a page reused from the file is
// not read from it unless Output.Write must write it, and the search
// index, when every listed page is reused in the same order, is the last
// build's and is made only if Write must write it (Files holds nil for
// such files until then).
//
// Output.Write of a cached build (outstate.go, writeupdate.go) updates
// the output directory the last build wrote instead of replacing it:
// the Cache records every file as written (SHA-256; stamp: device,
// inode, size, nanosecond modification time, mode, taken from the open
// file) and every directory (stamp). A file whose stamp is unchanged and
// whose content hash equals the new one is left alone; a stamp whose
// time lies within a clock tick of when it was recorded (20 ms; 2 s on a
// file system that keeps whole seconds) is racy and the file is read and
// hashed instead; any other difference means the file is written again.
// A directory whose stamp changed is listed, and every entry the new
// output does not hold as what it is is removed. New and changed files
// are written into a staging folder beside the output, then moved in and
// the removed entries moved out; if a move fails, every move is undone,
// so the output is left as it was. When the marker is not as written, the
// output is a mount point or the update fails, the whole directory is
// written afresh as without a Cache. A change that keeps a file's size
// and restores its nanosecond time on the same inode is not noticed.
//
// # Generated files
//
// Besides pages: assets/NAME.HASH.EXT, alias redirect pages, sitemap.xml,
// robots.txt (naming the sitemap), feed.xml (Atom, newest lastmod or date
// first), search-index.json ([{t, u, d, s, l}]: title (the home page's says
// "Home: "), URL, description, and sections [heading, anchor id, text]: the
// text before the first h2 or h3, then one per h2 and h3; a section headed
// Sources, References or Further reading is left out, with its
// subsections; the home page's entry adds l, its landing links [{t, u}]:
// the first link of each item of its body's first top-level list, which
// the search box offers when nothing matches), 404.html and _headers (Netlify and Cloudflare Pages
// format: a Content-Security-Policy without unsafe-inline (inline
// scripts by their hashes only), nosniff,
// referrer and permissions policies, and a one-year immutable cache for
// assets/).
//
// # Questionnaire
//
// content/questionnaire.yaml is parsed and validated by package decide
// (its package doc describes the format); guide links in it name content
// files such as guides/security.md#forced-entry. Every step, result and
// retired-link page it describes is added under /is-smartkey-for-me/.
//
// # Where things live
//
// Packages: generator (this one: the build), generator/internal/markdown
// (the markdown layer: one goldmark extension a file), generator/decide
// (the questionnaire's format and validation), generator/cylinder (the
// simulator; embed renders its block, wasmbuild compiles it),
// generator/devserver (the preview server, which knows no pages),
// generator/cli (commands and flags), generator/internal/chromium (the
// one browser harness: Open, Load, Eval, Wait, ClickLikeReader),
// generator/internal/corpus (the benchmark sites), generator/sitetest
// (tests of the real site, in the browser too) and
// generator/cylinder/browsertest (the simulator's click-to-interactive
// measurement).
//
// A markdown feature: internal/markdown, file by feature (heading.go and
// ids.go: ids and self-links; alert.go; steps.go; highlight.go: code and
// its CSS; simulator.go: the directive; rawhtml.go: escaped HTML;
// footnotes.go: footnote ids; parse.go: a document's facts); markdown.go
// here configures goldmark.
// A link rule: links.go (markdown links rewritten to URLs, each an mdLink
// with its line), check.go (checkLinks: the markdown's links and what
// layouts add, scanned from their output, judged against the planned
// output files and their ids), outpaths.go (files that cannot live
// together), names.go (names a host cannot store). The build's stages, in
// order: load.go (files and front matter), tree.go (sections, order),
// render.go (parse, which returns the page's facts (markdown.go:
// pageFacts) that the later stages are handed; rewrite links; render the
// body; execute the layout with a PageView), generated.go, sitefiles.go,
// check.go; build.go runs them, handing each stage what earlier ones made
// (renderedPages: each page's links, facts and Cache entry; the generated
// pages) as arguments. A Page is complete once load.go and
// tree.go have made it and is never written after. A
// generated file: sitefiles.go (assets, aliases, sitemap.xml, robots.txt,
// search-index.json, _headers), feed.go (feed.xml, JSON-LD),
// generated.go (404 and search pages), questionnaire.go, simulator.go
// (cylinder.wasm, its .gz and .br), assets.go (hashed, minified assets). A
// cache rule: cache.go (what Cache keeps, when a page is reused: its
// source and the structure key, and what is dropped) and cachefile.go,
// cachesave.go, cacheblob.go (the file keyway build keeps it in: load,
// save, blobs read when needed). Writing the output: write.go,
// writeupdate.go and outstate.go (updating the last output in place),
// stamp_*.go, outdir.go, lock_*.go.
package generator
