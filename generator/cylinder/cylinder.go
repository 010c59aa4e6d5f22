package cylinder

// Kind is the mechanism of a cylinder.
type Kind int

// The two mechanisms the simulator models.
const (
	SmartKey   Kind = iota // pins, racks and a sidebar; rekeyable with a tool
	PinTumbler             // key pins, driver pins and springs; one shear line
)

func (k Kind) String() string {
	if k == SmartKey {
		return "SmartKey"
	}
	return "Pin tumbler"
}

// Angle is how far the plug is turned from home.
type Angle int

// Plug angles. QuarterTurn is the SmartKey rekey position.
const (
	Home        Angle = iota
	PartTurn          // less than a quarter turn
	QuarterTurn       // 90 degrees clockwise
)

// Degrees is the angle in degrees, for drawing.
func (a Angle) Degrees() int {
	return [...]int{0, 45, 90}[a]
}

// Cylinder is one lock. Its zero value is not usable; use NewCylinder.
type Cylinder struct {
	kind      Kind
	code      [Positions]int // depth each chamber accepts
	taughtBy  Key            // the key the code was taken from
	unknown   bool           // the code matches no key on hand (bad teach)
	key       Key
	insertion Insertion
	angle     Angle
	rekeyMode bool // SmartKey: racks released from the pins
	shortTurn bool // rekeyMode began short of the rekey position (part turn)
	rng       uint64
	bump      bumpResult
	last      Event
}

// bumpResult is what the last bump attempt did, for drawing. An attempt
// is shown in two frames: the blow (stage bumpBlow), then what turning
// pressure finds (stage bumpOutcome).
type bumpResult struct {
	tried   bool
	stage   int
	cleared [Positions]bool    // pin tumbler: driver pin thrown clear of the shear line
	jolt    [Positions]float64 // SmartKey: how far the blow lifts each pin, drawing units
	opened  bool
}

// Stages of a bump attempt.
const (
	bumpBlow    = 1
	bumpOutcome = 2
)

// NewCylinder returns a cylinder of the given kind keyed to key, with its
// bump sequence seeded by seed (the same seed gives the same attempts).
func NewCylinder(kind Kind, key Key, seed uint64) *Cylinder {
	return &Cylinder{kind: kind, code: key.Cuts, taughtBy: key, rng: seed}
}

// Kind is the mechanism of the cylinder.
func (c *Cylinder) Kind() Kind { return c.kind }

// Code is the depth each chamber accepts.
func (c *Cylinder) Code() [Positions]int { return c.code }

// CodeUnknown reports whether the stored code came from a bad teach and
// matches no key the reader holds (simplified).
func (c *Cylinder) CodeUnknown() bool { return c.unknown }

// Angle is how far the plug is turned.
func (c *Cylinder) Angle() Angle { return c.angle }

// Inserted is how far the current key is in.
func (c *Cylinder) Inserted() Insertion { return c.insertion }

// Key is the key in the lock (meaningful only when Inserted is not NoKey).
func (c *Cylinder) Key() Key { return c.key }

// RekeyMode reports whether the SmartKey racks are released from the pins.
func (c *Cylinder) RekeyMode() bool { return c.rekeyMode }

// ShortTurn reports whether the racks were released with the plug short of
// the rekey position, so the next teach stores an unknown code (illustrative).
func (c *Cylinder) ShortTurn() bool { return c.rekeyMode && c.shortTurn }

// Last is the outcome of the most recent action.
func (c *Cylinder) Last() Event { return c.last }

// Open reports whether the plug is turned (the lock can be operated).
func (c *Cylinder) Open() bool { return c.angle == QuarterTurn || c.bump.opened }

// BumpStage is 0 with no bump attempt shown, 1 at its first frame (the
// blow) and 2 at its second (the outcome).
func (c *Cylinder) BumpStage() int { return c.bump.stage }

// pinMils is the blade height under each chamber, 0 where no key touches.
func (c *Cylinder) pinMils(chamber int) int {
	return c.key.heightMils(chamber, c.insertion)
}

// Wrong lists the chambers (0-based) whose pin is not at the height the code
// needs; every chamber is wrong when no key is in.
func (c *Cylinder) Wrong() []int {
	var wrong []int
	for i := range Positions {
		if c.offsetMils(i) != 0 || c.insertion == NoKey {
			wrong = append(wrong, i)
		}
	}
	return wrong
}

// offsetMils is how far (mils) the pin in a chamber is above (+) or below
// (-) where the code wants it, or 0 within tolerance.
func (c *Cylinder) offsetMils(chamber int) int {
	if c.insertion == NoKey {
		return -depthMils(c.code[chamber])
	}
	d := c.pinMils(chamber) - depthMils(c.code[chamber])
	if abs(d) <= ToleranceMils {
		return 0
	}
	return d
}

func (c *Cylinder) aligned() bool { return c.insertion != NoKey && len(c.Wrong()) == 0 }
