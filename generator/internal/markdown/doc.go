// Package markdown is Keyway's markdown layer: goldmark extensions for
// heading ids and self-links (Headings), GitHub-style alerts (Alerts),
// printable steps (Steps), chroma highlighting (Highlighting), the
// cylinder simulator directive (Simulators) and escaped raw HTML
// (EscapedHTML). Each is a node (where it needs one), a parser or AST
// transformer, a renderer and one Extend, configured by options at
// construction as goldmark's own extensions are. None of it knows the
// site builder.
//
// Parse parses one document and returns its facts (heading ids, table of
// contents, plain text, simulators, problems); heading ids are made
// unique per document, so pages must be parsed with Parse.
package markdown
