// Package cylinder is a small, pure model of two lock cylinders and the
// drawing of their state, shared by the site build (static posters) and the
// browser (through the wasm main in ./wasm). It uses no syscall/js, os, net,
// clock, fmt, strconv or encoding/json, so the wasm stays small and
// deterministic (Decimal writes its numbers).
//
// # Keys
//
// A Key is a Kwikset (KW1) style key: five cut positions counted from the
// shoulder, depths 1 (shallow) to 6 (deep), and at most MACS (4) depths
// between neighbouring cuts. Depth numbers map to blade heights using the
// published .023" step. A key may carry wear in thousandths of an inch; a
// position sets only when its pin lands within ToleranceMils of where the
// code wants it. A key pushed in one cut spacing short presents each
// chamber with the next cut along (and the last chamber with the flat
// behind the last cut).
//
// # SmartKey
//
// Five pins ride the key; each drives a rack that carries the code; a
// sidebar blocks the plug until every rack notch lines up. A light turn
// then lets the sidebar into the notches and the plug turns a quarter turn;
// in this simplified model that opening turn is also the rekey position.
// Pushing the tool in there (with a working key holding the plug) releases
// the racks from the pins. The key may then come out; a new key put in and
// turned back home makes the racks grip the pins again, each at the nearest
// depth: that is the new code. The tool does nothing at home. Used part way
// round, it releases the racks out of step, and the next teach stores every
// depth one step off (illustrative). So three slips leave a code that
// matches none of the reader's keys ("misprogrammed"): the tool used before
// the working key reaches the rekey position, a new key not fully in, and a
// worn new key whose cuts hold pins part way between depths, where the
// racks grip whichever depth is nearer. The guides cite how-to pages and
// locksmiths for these causes; how the cylinder fails inside is our
// illustration. The worn-key scenario holds the factory key, a copy whose
// cuts are within the tolerance (it turns the lock, and teaches it
// correctly) and the same copy worn past it at two cuts (it no longer
// turns; taught, it misprograms): a key that worked stops working, as
// locksmiths report of badly cut copies (the wear figures are
// illustrative). A bump attempt never opens a SmartKey in the model, which
// has no driver pins (illustrative: the lock is designed so that bumping
// does not work, and none of the sources checked reports a successful bump).
//
// # Bump attempts, in two frames
//
// A bump attempt is shown in two frames the reader steps through ("Bump
// attempt", then "Next frame"). Frame 1, the blow: a pin tumbler's driver
// pins are thrown upward, each clear of the shear line or not; a
// SmartKey's pins jolt and the racks meshed with them move by different
// seeded amounts, so the rack notches scatter (never drawn on the notch
// line). Frame 2, turning pressure: the pin tumbler opens only if every
// driver was clear; the SmartKey's sidebar, pressed against the racks,
// still needs every notch in line, so it stays locked. Positions are
// marked right or wrong in both frames.
//
// # Pin tumbler
//
// Key pins ride the key, driver pins and springs sit above, and the plug
// turns when every stack splits at the shear line. A bump attempt opens it
// only when every driver pin happens to be thrown clear at once; which
// attempts succeed comes from a seeded splitmix64 sequence, so a scenario
// replays identically; the narration says so. It illustrates the idea and
// is not a recipe.
//
// # Drawing
//
// Draw lays the picture out for a wide screen (labels beside the parts,
// 12-unit text); DrawNarrow lays the same parts out for a phone (the
// cylinder cropped to its parts, labels in a row above it with leader
// lines, 22-unit text, so it renders at 12 px or more in a 254 px wide
// picture); DrawBoth is both, for the page's stylesheet to choose from.
// Wide labels sit level with the part they name, moved only as far as
// needed to keep clear of each other. The rekey is drawn in its moves:
// racks the tool released stand apart from their pins, each with its own
// teeth (cyl-released; cyl-releasing just after the tool), and the turn
// back that teaches the lock draws them set on the pins again (cyl-set),
// which the stylesheet animates as a move unless the reader asks for
// reduced motion; the status line says "racks released" and then "racks
// set to the new key" (or "racks set: misprogrammed"). In a bump's first frame
// driver pins thrown clear carry the class cyl-thrown and jolted SmartKey
// pins cyl-jolted, which the stylesheet animates unless the reader asks
// for reduced motion. A narrow drawing of two cylinders carries
// data-panels="2" and data-panel-height, so the page can show one panel
// at a time.
//
// # Simplifications
//
// The racks' re-meshing, the rekey position's purpose, the tolerance, the
// partial-insertion geometry, the short-turn release and the bump odds are
// illustrative, not Kwikset data; descriptions label the rekey internals "simplified". The
// drawing is a schematic side cutaway: the sidebar's sideways motion is
// drawn as a move into the notch line, and racks sit beside their pins.
//
// # Use
//
// NewSim(scenario) starts one of Scenarios(); Sim.Do performs an action
// named in Sim.Actions (or "select:N", "cuts:DDDDD"); Sim.Describe narrates
// the state for a screen reader; Draw, DrawNarrow and DrawBoth render it
// as SVG.
package cylinder
