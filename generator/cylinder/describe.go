package cylinder

import "strings"

// Event is the outcome of the latest action on a cylinder.
type Event int

// Outcomes of actions.
const (
	EvIdle Event = iota
	EvInserted
	EvInsertedPartial
	EvRemoved
	EvTurned
	EvTurnedPart
	EvBlocked
	EvNoKeyIn
	EvKeyAlreadyIn
	EvPlugNotHome
	EvKeyHeld
	EvAlreadyTurned
	EvAlreadyHome
	EvTurnedBack
	EvToolNothing
	EvNoToolSlot
	EvAlreadyRekey
	EvRekeyMode
	EvRekeyShort
	EvTaught
	EvTaughtUnknown
	EvBumpNoDrivers
	EvBumpOpened
	EvBumpFailed
	EvBumpBlow
	EvNoBump
)

// Describe is a short plain-language account of what just happened and
// where the lock stands, for a screen reader.
func (c *Cylinder) Describe() string {
	switch c.last {
	case EvIdle, EvRemoved:
		return c.describeEmpty()
	case EvInserted:
		return "The key is in all the way. " + c.describeFit()
	case EvInsertedPartial:
		return "The key is in, but not all the way to the shoulder, so the pins rest on the wrong parts of the key. " + c.describeFit()
	case EvTurned:
		return c.describeTurned()
	case EvBlocked:
		return "The key will not turn. " + c.describeWrong() + " " + c.blockReason()
	case EvTaught:
		return "The plug turns back home and the racks mesh with the pins again, storing this key's cuts as the new code (simplified). This key works now; the old key no longer does."
	case EvTaughtUnknown:
		return "The plug turns back home and the racks mesh again, but " + c.teachFault() +
			", so the lock stored a code that matches none of your keys (simplified): it is misprogrammed."
	case EvAlreadyTurned:
		if c.ShortTurn() {
			return "The racks are released with the plug part way round. Only turning back home changes anything now."
		}
	case EvBumpFailed:
		return "Bump attempt, frame 2 of 2 (illustrative): " + c.describeStuckDrivers() + " stayed across the shear line, so the plug did not turn."
	case EvBumpBlow:
		return c.describeBlow()
	}
	return sentences[c.last]
}

// sentences are the fixed narrations, indexed by event.
var sentences = [...]string{
	EvTurnedPart:    "The plug turns part way, less than a quarter turn.",
	EvNoKeyIn:       "There is no key in the lock.",
	EvKeyAlreadyIn:  "A key is already in the lock. Remove it first.",
	EvPlugNotHome:   "The plug is turned. Turn it back home first.",
	EvKeyHeld:       "The key cannot come out while the plug is turned. Turn it back first.",
	EvAlreadyTurned: "The plug is already turned as far as it goes.",
	EvAlreadyHome:   "The plug is already at home.",
	EvTurnedBack:    "The plug turns back home. The key can come out.",
	EvToolNothing:   "The tool goes into the slot, but nothing happens: no working key has turned the plug towards the rekey position. The lock keeps its code.",
	EvNoToolSlot:    "A classic pin tumbler has no tool slot. Changing its key means taking the cylinder apart and changing pins.",
	EvAlreadyRekey:  "The racks are already released.",
	EvRekeyMode:     "Click: the tool releases the racks from the pins (simplified). The lock is in rekey mode and will learn the next key that turns it back home.",
	EvRekeyShort:    "Click: the tool goes in, but the plug is only part way to the rekey position. In this illustration the racks come free out of step with the pins, so the next key turned back home will leave a code that matches none of your keys.",
	EvBumpNoDrivers: "Bump attempt, frame 2 of 2 (illustrative): nothing opens. Turning pressure presses the sidebar against the racks, binding them, and their notches are out of line.",
	EvBumpOpened:    "Bump attempt, frame 2 of 2 (illustrative): with every driver pin above the shear line at once, turning pressure turned the plug and the lock opened. Luck, not the right key.",
	EvNoBump:        "There is no bump attempt to follow. Press Bump attempt first.",
}

func (c *Cylinder) describeEmpty() string {
	prefix := "No key in the lock. "
	if c.last == EvRemoved {
		prefix = "The key is out. "
	}
	switch {
	case c.ShortTurn():
		return prefix + "The plug stays part way round with the racks released out of step (illustrative), waiting for a key."
	case c.rekeyMode:
		return prefix + "The plug stays at the rekey position with the racks released (simplified), waiting for the new key."
	case c.kind == SmartKey:
		return prefix + "The rack notches are out of line, so the sidebar blocks the plug."
	}
	return prefix + "The driver pins cross the shear line, so the plug cannot turn."
}

func (c *Cylinder) describeFit() string {
	switch {
	case c.rekeyMode:
		return "The racks are released, so the pins simply follow this key."
	case len(c.Wrong()) > 0:
		return c.describeWrong()
	case c.kind == SmartKey:
		return "All five rack notches line up into one channel, so the key can turn."
	}
	return "All five pin stacks split exactly at the shear line, so the key can turn."
}

func (c *Cylinder) teachFault() string {
	switch {
	case c.shortTurn:
		return "the tool went in before the key reached the rekey position, so the racks were out of step with the pins"
	case c.insertion == Partial:
		return "the key was not all the way in, so the pins were on the wrong cuts"
	}
	return "worn cuts left some pins part way between two depths and each rack gripped at the nearer one"
}

func (c *Cylinder) describeTurned() string {
	if c.kind == SmartKey {
		return "The plug turns a quarter turn: the sidebar moves into the lined-up notches and the lock opens. In this simplified model that is also the rekey position."
	}
	return "The plug turns a quarter turn: every pin stack splits at the shear line and the lock opens."
}

func (c *Cylinder) blockReason() string {
	if c.kind == SmartKey {
		return "The sidebar cannot move into the notches."
	}
	return "Pins still cross the shear line."
}

// describeWrong names the wrong positions and which way each pin is off,
// for example "Positions 2 and 4 are wrong: pin 2 sits too high, pin 4 sits slightly too low."
func (c *Cylinder) describeWrong() string {
	wrong := c.Wrong()
	if len(wrong) == 0 {
		return "All five positions are right."
	}
	noun := "Position "
	verb := " is wrong: "
	if len(wrong) > 1 {
		noun, verb = "Positions ", " are wrong: "
	}
	parts := make([]string, len(wrong))
	for i, w := range wrong {
		parts[i] = "pin " + Decimal(w+1) + " sits " + c.howOff(w)
	}
	return noun + listNumbers(wrong) + verb + strings.Join(parts, ", ") + "."
}

func (c *Cylinder) howOff(chamber int) string {
	d := c.offsetMils(chamber)
	way := "too high"
	if d < 0 {
		way = "too low"
	}
	if abs(d) < depthStepMils {
		return "slightly " + way
	}
	return way
}

// describeBlow narrates the first frame of a bump attempt.
func (c *Cylinder) describeBlow() string {
	const frame = "Bump attempt, frame 1 of 2 (illustrative): "
	if c.kind == SmartKey {
		return frame + "the blow jolts the pins and racks, scattering the rack notches; no driver pins to throw."
	}
	thrown := "all five driver pins flew above the shear line at once."
	switch stuck := c.describeStuckDrivers(); stuck {
	case "":
	case "every driver pin":
		thrown = "every driver pin stayed across the shear line."
	default:
		thrown = stuck + " stayed across the shear line."
	}
	return frame + "the blow throws the driver pins up; " + thrown + " Chance decides which fly (here a fixed sequence, so it replays the same way)."
}

func (c *Cylinder) describeStuckDrivers() string {
	var stuck []int
	for i, ok := range c.bump.cleared {
		if !ok {
			stuck = append(stuck, i)
		}
	}
	switch len(stuck) {
	case 0:
		return ""
	case 1:
		return "driver pin " + listNumbers(stuck)
	case Positions:
		return "every driver pin"
	}
	return "driver pins " + listNumbers(stuck)
}

// listNumbers writes 0-based chambers as "2", "2 and 4" or "1, 2 and 4".
func listNumbers(chambers []int) string {
	s := make([]string, len(chambers))
	for i, c := range chambers {
		s[i] = Decimal(c + 1)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
