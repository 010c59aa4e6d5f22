package cylinder

import (
	"slices"
	"strings"
	"testing"
)

// play starts a scenario and performs actions, failing on an unknown one.
func play(t *testing.T, scenario string, actions ...string) *Sim {
	t.Helper()
	s, err := NewSim(scenario)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if err := s.Do(a); err != nil {
			t.Fatalf("Do(%q) in %s: %v", a, scenario, err)
		}
	}
	return s
}

// tryKey removes any key, inserts key number n fully, turns, and reports
// whether the lock opened; it turns back so the sequence can continue.
func tryKey(t *testing.T, s *Sim, n string) bool {
	t.Helper()
	for _, a := range []string{"turn-back", "remove", "select:" + n, "insert", "turn"} {
		if err := s.Do(a); err != nil {
			t.Fatalf("Do(%q): %v", a, err)
		}
	}
	open := s.Cylinders()[0].Open()
	if err := s.Do("turn-back"); err != nil {
		t.Fatal(err)
	}
	return open
}

func TestOpening(t *testing.T) {
	tests := []struct {
		name      string
		scenario  string
		actions   []string
		wantOpen  []bool   // per cylinder
		wantWrong [][]int  // per cylinder, 0-based chambers
		wantSay   []string // in the narration
	}{
		{"right key opens SmartKey", "explore", []string{"insert", "turn"}, []bool{true}, [][]int{nil}, []string{"sidebar moves into the lined-up notches"}},
		{"wrong key names positions", "explore", []string{"select:1", "insert", "turn"}, []bool{false}, [][]int{{2, 4}}, []string{"Positions 3 and 5 are wrong", "pin 3 sits too low", "pin 5 sits too high"}},
		{"key not fully in", "explore", []string{"insert-partial", "turn"}, []bool{false}, [][]int{{0, 1, 2, 3, 4}}, []string{"will not turn"}},
		{"turn with no key", "explore", []string{"turn"}, []bool{false}, [][]int{{0, 1, 2, 3, 4}}, []string{"no key in the lock"}},
		{"copy within tolerance works", "worn-key", []string{"select:1", "insert", "turn"}, []bool{true}, [][]int{nil}, nil},
		{"worn copy fails", "worn-key", []string{"select:2", "insert", "turn"}, []bool{false}, [][]int{{1, 3}}, []string{"pin 2 sits slightly too low", "pin 4 sits slightly too low"}},
		{"factory key works", "worn-key", []string{"insert", "turn"}, []bool{true}, [][]int{nil}, nil},
		{"both open with the right key", "compare", []string{"insert", "turn"}, []bool{true, true}, [][]int{nil, nil}, []string{"SmartKey: ", "Pin tumbler: ", "shear line"}},
		{"both refuse the wrong key", "compare", []string{"select:1", "insert", "turn"}, []bool{false, false}, [][]int{{2, 4}, {2, 4}}, []string{"Pins still cross the shear line", "sidebar cannot move"}},
		{"own key cut to the code opens", "explore", []string{"cuts:24153", "insert", "turn"}, []bool{true}, [][]int{nil}, nil},
		{"own key off at one cut", "explore", []string{"cuts:24154", "insert", "turn"}, []bool{false}, [][]int{{4}}, []string{"Position 5 is wrong"}},
		{"key held while turned", "explore", []string{"insert", "turn", "remove"}, []bool{true}, [][]int{nil}, []string{"cannot come out while the plug is turned"}},
		{"turn back frees the key", "explore", []string{"insert", "turn", "turn-back", "remove"}, []bool{false}, [][]int{{0, 1, 2, 3, 4}}, []string{"The key is out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := play(t, tc.scenario, tc.actions...)
			for i, c := range s.Cylinders() {
				if got := c.Open(); got != tc.wantOpen[i] {
					t.Errorf("%s cylinder %d Open() = %v, want %v", tc.scenario, i, got, tc.wantOpen[i])
				}
				if c.Inserted() != NoKey && !slices.Equal(c.Wrong(), tc.wantWrong[i]) {
					t.Errorf("%s cylinder %d Wrong() = %v, want %v", tc.scenario, i, c.Wrong(), tc.wantWrong[i])
				}
			}
			say := s.Describe()
			for _, w := range tc.wantSay {
				if !strings.Contains(say, w) {
					t.Errorf("Describe() = %q, want it to contain %q", say, w)
				}
			}
		})
	}
}

func TestRekey(t *testing.T) {
	const oldKey, newKey = "0", "1"
	tests := []struct {
		name        string
		actions     []string
		wantEvent   Event
		oldWorks    bool
		newWorks    bool
		wantUnknown bool
	}{
		{"full sequence", []string{"insert", "turn", "tool", "remove", "select:1", "insert", "turn-back"}, EvTaught, false, true, false},
		{"tool at home does nothing", []string{"insert", "tool"}, EvToolNothing, true, false, false},
		{"tool at part turn releases the racks out of step", []string{"insert", "turn-part", "tool"}, EvRekeyShort, false, false, false},
		{"a rekey after a part turn stores an unknown code", []string{"insert", "turn-part", "tool", "remove", "select:1", "insert", "turn-back"}, EvTaughtUnknown, false, false, true},
		{"even the old key turned back after a part turn misprograms", []string{"insert", "turn-part", "tool", "turn-back"}, EvTaughtUnknown, false, false, true},
		{"a part turn then the full turn rekeys normally", []string{"insert", "turn-part", "turn", "tool", "remove", "select:1", "insert", "turn-back"}, EvTaught, false, true, false},
		{"tool with no key does nothing", []string{"tool"}, EvToolNothing, true, false, false},
		{"old key not fully in cannot turn", []string{"insert-partial", "turn"}, EvBlocked, true, false, false},
		{"then the tool does nothing", []string{"insert-partial", "turn", "tool"}, EvToolNothing, true, false, false},
		{"new key can't be taught without rekey mode", []string{"insert", "turn", "turn-back", "remove", "select:1", "insert", "turn"}, EvBlocked, true, false, false},
		{"new key not fully in stores an unknown code", []string{"insert", "turn", "tool", "remove", "select:1", "insert-partial", "turn-back"}, EvTaughtUnknown, false, false, true},
		{"rekey mode releases key at quarter turn", []string{"insert", "turn", "tool", "remove"}, EvRemoved, false, false, false},
		{"reteaching the old key keeps it", []string{"insert", "turn", "tool", "turn-back"}, EvTaught, true, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := play(t, "rekey", tc.actions...)
			c := s.Cylinders()[0]
			if c.Last() != tc.wantEvent {
				t.Errorf("after %v Last() = %d (%q), want %d", tc.actions, c.Last(), c.Describe(), tc.wantEvent)
			}
			if c.CodeUnknown() != tc.wantUnknown {
				t.Errorf("after %v CodeUnknown() = %v, want %v", tc.actions, c.CodeUnknown(), tc.wantUnknown)
			}
			if c.RekeyMode() {
				return // the lock waits for a key; nothing to try yet
			}
			if got := tryKey(t, s, oldKey); got != tc.oldWorks {
				t.Errorf("after %v old key opens = %v, want %v", tc.actions, got, tc.oldWorks)
			}
			if got := tryKey(t, s, newKey); got != tc.newWorks {
				t.Errorf("after %v new key opens = %v, want %v", tc.actions, got, tc.newWorks)
			}
		})
	}
}

func TestRekeyNarration(t *testing.T) {
	steps := []struct {
		action string
		want   string
	}{
		{"insert", "All five rack notches line up"},
		{"turn", "rekey position"},
		{"tool", "releases the racks"},
		{"remove", "waiting for the new key"},
		{"select:1", "Chosen: New key"},
		{"insert", "pins simply follow this key"},
		{"turn-back", "storing this key's cuts as the new code"},
	}
	s := play(t, "rekey")
	for _, st := range steps {
		if err := s.Do(st.action); err != nil {
			t.Fatal(err)
		}
		if got := s.Describe(); !strings.Contains(got, st.want) {
			t.Errorf("after %q Describe() = %q, want it to contain %q", st.action, got, st.want)
		}
	}
}

func TestShortTurnNarration(t *testing.T) {
	steps := []struct {
		action string
		want   string
	}{
		{"insert", "All five rack notches line up"},
		{"turn-part", "part way"},
		{"tool", "only part way to the rekey position"},
		{"turn", "part way round"},
		{"remove", "out of step (illustrative)"},
		{"select:1", "Chosen: New key"},
		{"insert", "pins simply follow this key"},
		{"turn-back", "before the key reached the rekey position"},
	}
	s := play(t, "rekey")
	for _, st := range steps {
		if err := s.Do(st.action); err != nil {
			t.Fatal(err)
		}
		if got := s.Describe(); !strings.Contains(got, st.want) {
			t.Errorf("after %q Describe() = %q, want it to contain %q", st.action, got, st.want)
		}
	}
	if c := s.Cylinders()[0]; !c.CodeUnknown() || !strings.Contains(c.Describe(), "misprogrammed") {
		t.Errorf("after a short-turn rekey CodeUnknown() = %v, Describe() = %q; want a misprogrammed lock", c.CodeUnknown(), c.Describe())
	}
}

func TestToolAtHomeKeepsCode(t *testing.T) {
	s := play(t, "rekey", "insert", "tool")
	if got := s.Describe(); !strings.Contains(got, "keeps its code") {
		t.Errorf("tool at home: Describe() = %q, want it to say the lock keeps its code", got)
	}
	if !tryKey(t, s, "0") || tryKey(t, s, "1") {
		t.Error("after the tool at home, want the old key to work and the new one not")
	}
}

// TestLabels checks the labels the facts require: the opening turn doubling
// as the rekey position is a simplification, and the SmartKey bump result
// is an illustration.
func TestLabels(t *testing.T) {
	if got := play(t, "explore", "insert", "turn").Describe(); !strings.Contains(got, "simplified model") {
		t.Errorf("opening turn: Describe() = %q, want the rekey position labelled simplified", got)
	}
	if got := play(t, "bump", "bump", "bump-next").Cylinders()[1].Describe(); !strings.Contains(got, "(illustrative): nothing opens") {
		t.Errorf("SmartKey bump: Describe() = %q, want it labelled illustrative", got)
	}
}

func TestWornCopyTaughtMisprograms(t *testing.T) {
	s := play(t, "worn-key", "insert", "turn", "tool", "remove", "select:2", "insert", "turn-back")
	c := s.Cylinders()[0]
	if !c.CodeUnknown() {
		t.Fatalf("teaching the worn copy: CodeUnknown() = false, code %v", c.Code())
	}
	if !strings.Contains(c.Describe(), "worn cuts") {
		t.Errorf("Describe() = %q, want the worn cuts named as the cause", c.Describe())
	}
	if tryKey(t, s, "0") || tryKey(t, s, "1") {
		t.Error("after a bad teach a key still opens the lock, want neither")
	}
}

func TestToolOnPinTumbler(t *testing.T) {
	c := NewCylinder(PinTumbler, houseKey, 1)
	c.Insert(houseKey, Full)
	c.Turn(QuarterTurn)
	if got := c.UseTool(); got != EvNoToolSlot {
		t.Errorf("UseTool() on a pin tumbler = %d, want EvNoToolSlot", got)
	}
}

func TestBump(t *testing.T) {
	const attempts = 60
	pin := NewCylinder(PinTumbler, houseKey, 42)
	smart := NewCylinder(SmartKey, houseKey, 42)
	opened, failed := 0, 0
	for range attempts {
		if pin.Bump() != EvBumpBlow || smart.Bump() != EvBumpBlow || pin.Open() || smart.Open() {
			t.Fatalf("Bump() = %d, %d, open %v, %v; want the first frame, the blow, with both locks shut", pin.Last(), smart.Last(), pin.Open(), smart.Open())
		}
		switch pin.BumpNext() {
		case EvBumpOpened:
			opened++
		case EvBumpFailed:
			failed++
		}
		if smart.BumpNext() != EvBumpNoDrivers || smart.Open() {
			t.Fatalf("SmartKey Bump() = %d, Open() = %v; a SmartKey must never open", smart.Last(), smart.Open())
		}
	}
	if opened == 0 || failed == 0 {
		t.Errorf("pin tumbler over %d bump attempts: opened %d, failed %d; want some of each", attempts, opened, failed)
	}
}

// TestBumpFrames: the first frame tells which driver pins flew and marks
// them; the second frame's outcome follows from it; a SmartKey's blow
// leaves every rack notch out of line; "Next frame" needs an attempt.
func TestBumpFrames(t *testing.T) {
	if got := play(t, "bump", "bump-next").Cylinders()[0].Last(); got != EvNoBump {
		t.Errorf("Next frame with no attempt = %d, want EvNoBump", got)
	}
	s := play(t, "bump")
	for range 20 {
		s.Do("bump")
		pin, smart := s.Cylinders()[0], s.Cylinders()[1]
		cleared, _ := pin.BumpCleared()
		all := !slices.Contains(cleared[:], false)
		if strings.Contains(pin.Describe(), "all five") != all {
			t.Fatalf("blow with cleared %v narrated %q", cleared, pin.Describe())
		}
		for i := range Positions {
			if notch := smart.notchY(i); notch > notchLine-4 && notch < notchLine+4 {
				t.Errorf("SmartKey blow draws rack %d's notch on the notch line (y %v)", i+1, notch)
			}
		}
		s.Do("bump-next")
		if pin.Open() != all || smart.Open() {
			t.Fatalf("outcome with cleared %v: pin tumbler open %v, SmartKey open %v", cleared, pin.Open(), smart.Open())
		}
	}
}

func TestBumpIsDeterministic(t *testing.T) {
	a, b := play(t, "bump"), play(t, "bump")
	for i := range 20 {
		a.Do([]string{"bump", "bump-next"}[i%2])
		b.Do([]string{"bump", "bump-next"}[i%2])
		if a.Describe() != b.Describe() {
			t.Fatalf("attempt %d: %q vs %q; same scenario must replay the same", i, a.Describe(), b.Describe())
		}
	}
}

func TestBumpNeedsEmptyKeyway(t *testing.T) {
	s := play(t, "compare", "insert", "bump")
	for _, c := range s.Cylinders() {
		if c.Last() != EvKeyAlreadyIn {
			t.Errorf("%v: bump with a key in = %d, want EvKeyAlreadyIn", c.Kind(), c.Last())
		}
	}
}

func TestSimErrors(t *testing.T) {
	if _, err := NewSim("picking"); err == nil || !strings.Contains(err.Error(), `"picking"`) ||
		!strings.Contains(err.Error(), "explore, rekey, bump, worn-key, compare") {
		t.Errorf("NewSim(picking) error = %v, want it to name the scenario and the valid ones", err)
	}
	tests := []struct{ scenario, action string }{
		{"explore", "tool"},    // not offered in explore
		{"bump", "insert"},     // no keys in bump
		{"bump", "cuts:11111"}, // no editor in bump
		{"explore", "select:9"},
		{"explore", "select:x"},
		{"explore", ""},
	}
	for _, tc := range tests {
		s := play(t, tc.scenario)
		if err := s.Do(tc.action); err == nil {
			t.Errorf("%s Do(%q) = nil, want an error", tc.scenario, tc.action)
		}
	}
}

func TestOwnKeyEditor(t *testing.T) {
	s := play(t, "explore", "cuts:16111")
	if !strings.Contains(s.Describe(), "cannot be cut") || !strings.Contains(s.Describe(), "at most 4") {
		t.Errorf("cutting 16111: Describe() = %q, want a MACS refusal", s.Describe())
	}
	if s.Keys()[s.Selected()].Name == "Your key" {
		t.Error("an impossible key was chosen")
	}
	s.Do("cuts:65432")
	k := s.Keys()[s.Selected()]
	if k.Name != "Your key" || k.CutString() != "65432" {
		t.Errorf("after cuts:65432 chosen key = %s %s, want Your key 65432", k.Name, k.CutString())
	}
}

func TestResetRestoresStart(t *testing.T) {
	s := play(t, "rekey", "insert", "turn", "tool", "remove", "select:1", "insert", "turn-back", "reset")
	fresh := play(t, "rekey")
	if Draw(s) != Draw(fresh) {
		t.Error("after reset the picture differs from a fresh start")
	}
	if tryKey(t, s, "1") {
		t.Error("after reset the new key still opens, want the factory code back")
	}
}

// TestEveryStateDescribed walks every sequence of up to three actions in
// every scenario: each state must have narration and a well-formed picture.
func TestEveryStateDescribed(t *testing.T) {
	for _, name := range Scenarios() {
		s := play(t, name)
		var moves []string
		for _, a := range s.Actions() {
			moves = append(moves, a.Name)
		}
		for i := range s.Keys() {
			moves = append(moves, "select:"+string(rune('0'+i)))
		}
		walk(t, name, nil, moves, 3)
	}
}

func walk(t *testing.T, scenario string, done, moves []string, depth int) {
	if depth == 0 {
		return
	}
	for _, m := range moves {
		seq := append(slices.Clone(done), m)
		s := play(t, scenario, seq...)
		if s.Describe() == "" {
			t.Fatalf("%s after %v: empty description", scenario, seq)
		}
		if err := wellFormed(Draw(s)); err != nil {
			t.Fatalf("%s after %v: %v", scenario, seq, err)
		}
		walk(t, scenario, seq, moves, depth-1)
	}
}

// TestDescribeSharedLead: two locks in the same frame of a bump attempt
// share its opening words once, then each lock's part.
func TestDescribeSharedLead(t *testing.T) {
	got := play(t, "bump", "bump").Describe()
	lead := "Bump attempt, frame 1 of 2 (illustrative): Pin tumbler: the blow"
	if !strings.HasPrefix(got, lead) || strings.Count(got, "frame 1 of 2") != 1 || !strings.Contains(got, " SmartKey: the blow jolts") {
		t.Errorf("Describe() = %q, want %q..., the frame named once, then SmartKey: the blow jolts...", got, lead)
	}
	if got := play(t, "compare", "insert").Describe(); !strings.HasPrefix(got, "SmartKey: The key is in") {
		t.Errorf("compare Describe() = %q, want SmartKey: The key is in...", got)
	}
}
