package cylinder

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
)

// maxSteps bounds the actions one fuzz input performs.
const maxSteps = 300

// FuzzSim plays a sequence of actions decoded from the fuzz bytes (see
// decodeStep) and checks the model's invariants after every step:
//
//   - every stored code depth stays within 1..6, and every key on the ring
//     is a key that could be cut (depths 1..6, MACS); the selected key exists;
//   - the plug is away from home only with a key in that sets every
//     position, except in rekey mode (the plug then waits at the rekey
//     position, with or without a key): a wrong-code key never turns it;
//   - rekey mode happens only on a SmartKey with the plug turned; part way
//     round only after a short turn, which then always stores an unknown code;
//   - a SmartKey never opens by bumping, and a bump changes none of its state;
//   - the lock is open only when the plug is at the quarter turn, or a pin
//     tumbler was bumped open with an empty keyway at home;
//   - after a teach, the code equals the key's cuts exactly when the lock
//     says it learned the key;
//   - an action from Actions() is never an error, select:N is one exactly
//     when N is not on the ring, and an error leaves every lock unchanged;
//   - "reset" gives the same picture as a fresh simulator;
//   - Describe() is never empty and ends a sentence, for the simulator and
//     for each lock;
//   - Draw() is well-formed XML with one <svg> root and no negative sizes;
//   - the whole sequence replays to the same picture and narration.
func FuzzSim(f *testing.F) {
	f.Add(uint8(0), []byte{0, 2, 3, 4})             // explore: insert, turn, turn-back, remove
	f.Add(uint8(1), []byte{0, 2, 4, 6, 8, 1, 0, 5}) // rekey: insert, turn, tool, remove, select 1, insert, turn-back
	f.Add(uint8(1), []byte{1, 2, 0, 2, 4, 6, 1, 5}) // rekey: part way in, turn refused, and more
	f.Add(uint8(1), []byte{0, 3, 4, 6, 8, 1, 0, 5}) // rekey: insert, turn part way, tool, remove, select 1, insert, turn-back
	f.Add(uint8(2), []byte{0, 0, 0, 0, 0, 0, 0, 0}) // bump, many times
	f.Add(uint8(3), []byte{7, 1, 0, 1, 4, 2, 3, 1}) // worn-key: a refused cuts:10142, remove, turn
	f.Add(uint8(4), []byte{8, 2, 4, 1, 5, 3, 0, 2}) // compare: cut a key, insert, turn
	f.Add(uint8(4), []byte{9, 9, 's', 'e', 'l', 'e', 'c', 't', ':', '9'})
	f.Fuzz(func(t *testing.T, scenario uint8, script []byte) {
		name := Scenarios()[int(scenario)%len(Scenarios())]
		s, err := NewSim(name)
		if err != nil {
			t.Fatal(err)
		}
		fresh := Draw(s)
		wellFormed := map[string]bool{} // drawings already decoded: most actions leave the picture as it was
		var done []string
		for step, rest := 0, script; len(rest) > 0 && step < maxSteps; step++ {
			var action string
			action, rest = decodeStep(s, rest)
			done = append(done, action)
			before := snapshot(s)
			err := s.Do(action)
			if msg := checkStep(s, action, err, before, fresh); msg != "" {
				t.Fatalf("%s after %q: %s", name, done, msg)
			}
			if msg := checkSim(s, wellFormed); msg != "" {
				t.Fatalf("%s after %q: %s", name, done, msg)
			}
		}
		replay, _ := NewSim(name)
		for _, a := range done {
			replay.Do(a)
		}
		if Draw(replay) != Draw(s) || replay.Describe() != s.Describe() {
			t.Fatalf("%s after %q: a replay gives another picture or narration", name, done)
		}
	})
}

// decodeStep reads one action from the front of script. The first byte
// picks a button of the scenario, "select:N" (N from the next byte, which
// may be off the ring), "cuts:DDDDD" (digits from the next five bytes,
// which may break the cutting rules) or a raw action string (length from
// the next byte, then that many bytes).
func decodeStep(s *Sim, script []byte) (string, []byte) {
	acts := s.Actions()
	b, script := script[0], script[1:]
	next := func() byte {
		if len(script) == 0 {
			return 0
		}
		c := script[0]
		script = script[1:]
		return c
	}
	switch n := int(b) % (len(acts) + 3); {
	case n < len(acts):
		return acts[n].Name, script
	case n == len(acts):
		return "select:" + strconv.Itoa(int(next())%(len(s.Keys())+1)), script
	case n == len(acts)+1:
		digits := make([]byte, Positions)
		for i := range digits {
			digits[i] = '0' + next()%10
		}
		return "cuts:" + string(digits), script
	}
	size := min(int(next()), len(script))
	raw := string(script[:size])
	return raw, script[size:]
}

// snapshot copies every lock's state, to see what an action changed.
func snapshot(s *Sim) []Cylinder {
	out := make([]Cylinder, len(s.Cylinders()))
	for i, c := range s.Cylinders() {
		out[i] = *c
	}
	return out
}

// checkStep checks what one action did; it returns a description of the
// first broken rule, or "".
func checkStep(s *Sim, action string, err error, before []Cylinder, fresh string) string {
	switch {
	case s.offers(action) && err != nil:
		return "the listed action " + strconv.Quote(action) + " failed: " + err.Error()
	case strings.HasPrefix(action, "select:"):
		n, convErr := strconv.Atoi(strings.TrimPrefix(action, "select:"))
		onRing := convErr == nil && n >= 0 && n < len(s.Keys())
		if onRing != (err == nil) {
			return "select error " + errText(err) + " for a key on the ring: " + strconv.FormatBool(onRing)
		}
	}
	if err != nil {
		for i, c := range s.Cylinders() {
			if *c != before[i] {
				return "a refused action changed lock " + strconv.Itoa(i)
			}
		}
	}
	if action == "reset" && Draw(s) != fresh {
		return "reset does not give the starting picture"
	}
	for i, c := range s.Cylinders() {
		if msg := checkEvent(c, before[i]); msg != "" {
			return c.Kind().String() + ": " + msg
		}
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return strconv.Quote(err.Error())
}

// checkEvent checks the event a lock just reported against its state.
func checkEvent(c *Cylinder, before Cylinder) string {
	switch c.Last() {
	case EvBumpOpened:
		if c.Kind() == SmartKey {
			return "a SmartKey opened by bumping"
		}
	case EvBumpNoDrivers:
		after := *c
		after.bump, after.last = before.bump, before.last
		if after != before {
			return "a bump attempt changed the SmartKey"
		}
	case EvTurned, EvTurnedPart:
		if !before.aligned() {
			return "the plug turned with a key that does not set every position"
		}
	case EvTaught, EvTaughtUnknown:
		learned := c.Code() == c.Key().Cuts
		if learned != (c.Last() == EvTaught) || learned == c.CodeUnknown() {
			return "the teach event, the stored code and CodeUnknown disagree"
		}
		if before.ShortTurn() && learned {
			return "a teach after a short turn stored the key's cuts"
		}
	}
	return ""
}

// checkSim checks the state invariants of the simulator and its locks.
// Drawings in wellFormed were decoded before; new ones are added.
func checkSim(s *Sim, wellFormed map[string]bool) string {
	if s.Selected() < 0 || s.Selected() >= max(len(s.Keys()), 1) {
		return "selected key " + strconv.Itoa(s.Selected()) + " is not on the ring"
	}
	for _, k := range s.Keys() {
		if err := k.Validate(); err != nil {
			return "key " + k.Name + " " + k.CutString() + " could not be cut: " + err.Error()
		}
	}
	for _, c := range s.Cylinders() {
		if msg := checkLock(c); msg != "" {
			return c.Kind().String() + ": " + msg
		}
	}
	if msg := checkSentences(s.Describe()); msg != "" {
		return "Describe(): " + msg
	}
	svg := Draw(s)
	if wellFormed[svg] {
		return ""
	}
	if err := checkSVG(svg); err != nil {
		return "Draw(): " + err.Error()
	}
	wellFormed[svg] = true
	return ""
}

func checkLock(c *Cylinder) string {
	for i, d := range c.Code() {
		if d < MinDepth || d > MaxDepth {
			return "code depth " + strconv.Itoa(d) + " at position " + strconv.Itoa(i+1)
		}
	}
	turned := c.Angle() != Home
	switch {
	case turned && !c.RekeyMode() && (c.Inserted() == NoKey || len(c.Wrong()) > 0):
		return "the plug is turned without a key that sets every position"
	case c.RekeyMode() && (c.Kind() != SmartKey || c.Angle() == Home):
		return "rekey mode away from a turned SmartKey plug"
	case c.RekeyMode() && (c.Angle() == QuarterTurn) == c.ShortTurn():
		return "rekey mode at a part turn without a short turn, or the reverse"
	case c.Open() && c.Angle() != QuarterTurn && (c.Kind() != PinTumbler || c.Inserted() != NoKey || turned):
		return "open without the plug at the quarter turn or a bump on an empty pin tumbler"
	case c.Kind() == SmartKey && c.bump.opened:
		return "a SmartKey is open by bumping"
	}
	return checkSentences(c.Describe())
}

func checkSentences(text string) string {
	switch {
	case strings.TrimSpace(text) == "":
		return "empty narration"
	case !strings.HasSuffix(text, "."):
		return "narration " + strconv.Quote(text) + " does not end a sentence"
	}
	return ""
}

// checkSVG decodes the drawing: one <svg> root, balanced tags, and no
// negative width or height.
func checkSVG(svg string) error {
	d := xml.NewDecoder(strings.NewReader(svg))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "svg" || roots > 1 {
					return errors.New("root element <" + tok.Name.Local + ">, want one <svg>")
				}
			}
			depth++
			for _, a := range tok.Attr {
				if (a.Name.Local == "width" || a.Name.Local == "height") && strings.HasPrefix(a.Value, "-") {
					return errors.New("<" + tok.Name.Local + "> has " + a.Name.Local + "=" + a.Value)
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(tok)) != "" {
				return errors.New("text outside the <svg> root")
			}
		}
	}
	if roots != 1 {
		return errors.New("no <svg> root")
	}
	return nil
}
