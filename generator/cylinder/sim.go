package cylinder

import (
	"errors"
	"strings"
)

// Action is a control the reader can press, with its visible label.
type Action struct {
	Name  string
	Label string
}

// actionLabels are the visible button labels. (Slices rather than maps
// keep the wasm build small.)
var actionLabels = []Action{
	{"insert", "Insert key"},
	{"insert-partial", "Insert key part way"},
	{"remove", "Remove key"},
	{"turn", "Turn key"},
	{"turn-part", "Turn key part way"},
	{"turn-back", "Turn key back"},
	{"tool", "Insert tool"},
	{"bump", "Bump attempt"},
	{"bump-next", "Next frame"},
	{"reset", "Start over"},
}

func labelOf(name string) string {
	for _, a := range actionLabels {
		if a.Name == name {
			return a.Label
		}
	}
	return name
}

// scenario is the starting setup of one simulator.
type scenario struct {
	name    string
	title   string
	kinds   []Kind
	keys    []Key // key ring; the lock is keyed to keys[0]
	actions []string
	editor  bool // the reader may cut a key of their own
}

var (
	houseKey     = Key{Name: "House key", Cuts: [Positions]int{2, 4, 1, 5, 3}}
	neighbourKey = Key{Name: "Neighbour's key", Cuts: [Positions]int{2, 4, 3, 5, 1}}
	newKey       = Key{Name: "New key", Cuts: [Positions]int{4, 2, 3, 6, 4}}
	// A copy of the house key: at first its cuts are within the lock's
	// tolerance; after more wear two of them are not (illustrative figures).
	goodCopy = Key{Name: "Copy, still good", Cuts: houseKey.Cuts, WearMils: [Positions]int{1, 4, 2, 5, 3}}
	wornCopy = Key{Name: "Same copy, worn", Cuts: houseKey.Cuts, WearMils: [Positions]int{1, 9, 2, 12, 3}}
	yourKey  = Key{Name: "Your key", Cuts: [Positions]int{3, 3, 3, 3, 3}}
)

var scenarios = []scenario{
	{
		name: "explore", title: "Inside a SmartKey", kinds: []Kind{SmartKey},
		keys:    []Key{houseKey, neighbourKey},
		actions: []string{"insert", "insert-partial", "turn", "turn-back", "remove", "reset"}, editor: true,
	},
	{
		name: "rekey", title: "Rekey a SmartKey", kinds: []Kind{SmartKey},
		keys:    []Key{named(houseKey, "Old key"), newKey},
		actions: []string{"insert", "turn", "tool", "remove", "turn-back", "insert-partial", "turn-part", "reset"}, editor: true,
	},
	{
		name: "bump", title: "Bumping: pin tumbler and SmartKey", kinds: []Kind{PinTumbler, SmartKey},
		actions: []string{"bump", "bump-next", "reset"},
	},
	{
		name: "worn-key", title: "A worn copy and a factory key", kinds: []Kind{SmartKey},
		keys:    []Key{named(houseKey, "Factory key"), goodCopy, wornCopy},
		actions: []string{"insert", "turn", "turn-back", "remove", "tool", "reset"},
	},
	{
		name: "compare", title: "SmartKey and pin tumbler side by side", kinds: []Kind{SmartKey, PinTumbler},
		keys:    []Key{houseKey, neighbourKey},
		actions: []string{"insert", "insert-partial", "turn", "turn-back", "remove", "bump", "bump-next", "reset"}, editor: true,
	},
}

func named(k Key, name string) Key {
	k.Name = name
	return k
}

// Scenarios lists the scenario names in a fixed order.
func Scenarios() []string {
	names := make([]string, len(scenarios))
	for i, sc := range scenarios {
		names[i] = sc.name
	}
	return names
}

func findScenario(name string) (scenario, bool) {
	for _, sc := range scenarios {
		if sc.name == name {
			return sc, true
		}
	}
	return scenario{}, false
}

// Sim is one running simulator: a scenario's cylinders, the reader's key
// ring and the latest narration.
type Sim struct {
	name     string
	sc       scenario
	locks    []*Cylinder
	keys     []Key
	selected int
	note     string // narration that is not a cylinder event (key chosen, bad cuts)
}

// NewSim starts a scenario in its idle state.
func NewSim(name string) (*Sim, error) {
	sc, ok := findScenario(name)
	if !ok {
		return nil, errors.New("unknown simulator scenario " + quote(name) +
			"; valid scenarios: " + strings.Join(Scenarios(), ", "))
	}
	s := &Sim{name: name, sc: sc}
	s.reset()
	return s, nil
}

func (s *Sim) reset() {
	lockKey := houseKey
	if len(s.sc.keys) > 0 {
		lockKey = s.sc.keys[0]
	}
	s.locks = s.locks[:0]
	for i, k := range s.sc.kinds {
		s.locks = append(s.locks, NewCylinder(k, lockKey, uint64(i)+7))
	}
	s.keys = append([]Key(nil), s.sc.keys...)
	if s.sc.editor {
		s.keys = append(s.keys, yourKey)
	}
	s.selected, s.note = 0, ""
}

// Scenario is the scenario's name.
func (s *Sim) Scenario() string { return s.name }

// Title is the scenario's short title.
func (s *Sim) Title() string { return s.sc.title }

// Cylinders are the locks in the scenario (one, or two side by side).
func (s *Sim) Cylinders() []*Cylinder { return s.locks }

// Keys is the reader's key ring; Selected indexes it.
func (s *Sim) Keys() []Key { return s.keys }

// Selected is the index of the chosen key in Keys.
func (s *Sim) Selected() int { return s.selected }

// Editor reports whether the reader can cut a key of their own.
func (s *Sim) Editor() bool { return s.sc.editor }

// Actions lists the buttons of the scenario, in display order.
func (s *Sim) Actions() []Action {
	out := make([]Action, len(s.sc.actions))
	for i, name := range s.sc.actions {
		out[i] = Action{Name: name, Label: labelOf(name)}
	}
	return out
}

// Do performs one action: a name from Actions, "select:N" to choose key N,
// or "cuts:DDDDD" to cut the reader's own key and choose it. An error
// means the action is unknown; a refused action is narrated, not an error.
func (s *Sim) Do(action string) error {
	s.note = ""
	if rest, ok := strings.CutPrefix(action, "select:"); ok {
		return s.selectKey(rest)
	}
	if rest, ok := strings.CutPrefix(action, "cuts:"); ok && s.sc.editor {
		s.cutKey(rest)
		return nil
	}
	if !s.offers(action) {
		return errors.New("unknown action " + quote(action) + " in scenario " + s.name)
	}
	if action == "reset" {
		s.reset()
		s.note = "Started over. No key in the lock."
		return nil
	}
	for _, c := range s.locks {
		apply(c, action, s.chosenKey())
	}
	return nil
}

// chosenKey is the selected key, or no key in a scenario without a key ring.
func (s *Sim) chosenKey() Key {
	if len(s.keys) == 0 {
		return Key{}
	}
	return s.keys[s.selected]
}

func (s *Sim) offers(action string) bool {
	for _, a := range s.sc.actions {
		if a == action {
			return true
		}
	}
	return false
}

func apply(c *Cylinder, action string, key Key) {
	switch action {
	case "insert":
		c.Insert(key, Full)
	case "insert-partial":
		c.Insert(key, Partial)
	case "remove":
		c.Remove()
	case "turn":
		c.Turn(QuarterTurn)
	case "turn-part":
		c.Turn(PartTurn)
	case "turn-back":
		c.TurnBack()
	case "tool":
		c.UseTool()
	case "bump":
		c.Bump()
	case "bump-next":
		c.BumpNext()
	}
}

func (s *Sim) selectKey(index string) error {
	n, ok := smallNumber(index)
	if !ok || n >= len(s.keys) {
		return errors.New("no key number " + quote(index) + " in scenario " + s.name)
	}
	s.selected = n
	s.note = "Chosen: " + s.keys[n].Name + "."
	if s.locks[0].Inserted() != NoKey {
		s.note += " The key in the lock stays in until you remove it."
	}
	return nil
}

func (s *Sim) cutKey(digits string) {
	cuts, err := ParseCuts(digits)
	if err != nil {
		s.note = "That key cannot be cut: " + err.Error() + "."
		return
	}
	last := len(s.keys) - 1
	s.keys[last].Cuts = cuts
	s.selected = last
	s.note = "Your key is cut and chosen."
	if s.locks[0].Inserted() != NoKey {
		s.note += " Remove the key in the lock to try it."
	}
}

// Describe narrates the latest action and the state of every lock.
func (s *Sim) Describe() string {
	if s.note != "" {
		return s.note
	}
	if len(s.locks) == 1 {
		return s.locks[0].Describe()
	}
	said := make([]string, len(s.locks))
	for i, c := range s.locks {
		said[i] = c.Describe()
	}
	lead := sharedLead(said)
	parts := make([]string, len(s.locks))
	for i, c := range s.locks {
		parts[i] = c.Kind().String() + ": " + strings.TrimPrefix(said[i], lead)
	}
	return lead + strings.Join(parts, " ")
}

// sharedLead is the opening all narrations share up to a colon, such as
// "Bump attempt, frame 1 of 2 (illustrative): ", said once for every lock
// (with its first letter kept); "" if they do not share one.
func sharedLead(said []string) string {
	lead, _, ok := strings.Cut(said[0], "): ")
	if !ok {
		return ""
	}
	lead += "): "
	for _, s := range said[1:] {
		if !strings.HasPrefix(s, lead) {
			return ""
		}
	}
	return lead
}

// quote wraps s in double quotes (strconv.Quote would pull Unicode tables
// into the wasm build).
func quote(s string) string { return `"` + s + `"` }
