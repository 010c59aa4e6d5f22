package cylinder

// Insert pushes key into the keyway, fully or one spacing short.
func (c *Cylinder) Insert(key Key, in Insertion) Event {
	c.bump = bumpResult{}
	switch {
	case c.insertion != NoKey:
		return c.set(EvKeyAlreadyIn)
	case c.angle != Home && !c.rekeyMode:
		return c.set(EvPlugNotHome)
	}
	c.key, c.insertion = key, in
	if in == Partial {
		return c.set(EvInsertedPartial)
	}
	return c.set(EvInserted)
}

// Remove pulls the key out. A turned plug holds the key, except in rekey
// mode, where the key comes out at the rekey position.
func (c *Cylinder) Remove() Event {
	c.bump = bumpResult{}
	switch {
	case c.insertion == NoKey:
		return c.set(EvNoKeyIn)
	case c.angle != Home && !c.rekeyMode:
		return c.set(EvKeyHeld)
	}
	c.insertion = NoKey
	return c.set(EvRemoved)
}

// Turn tries to turn the plug to the given angle (PartTurn or QuarterTurn).
func (c *Cylinder) Turn(to Angle) Event {
	c.bump = bumpResult{}
	switch {
	case c.insertion == NoKey:
		return c.set(EvNoKeyIn)
	case c.rekeyMode || c.angle == to:
		return c.set(EvAlreadyTurned)
	case !c.aligned():
		return c.set(EvBlocked)
	}
	c.angle = to
	if to == PartTurn {
		return c.set(EvTurnedPart)
	}
	return c.set(EvTurned)
}

// TurnBack returns the plug home. In rekey mode this re-meshes the racks
// with the pins where the key in the lock holds them: the new code.
func (c *Cylinder) TurnBack() Event {
	c.bump = bumpResult{}
	switch {
	case c.insertion == NoKey:
		return c.set(EvNoKeyIn)
	case c.angle == Home:
		return c.set(EvAlreadyHome)
	case c.rekeyMode:
		return c.teach()
	}
	c.angle = Home
	return c.set(EvTurnedBack)
}

// teach stores the code the pins show now: each rack meshes at the nearest
// tooth (simplified). Racks released short of the rekey position mesh one
// tooth away from their pins (illustrative), so the code matches no key.
func (c *Cylinder) teach() Event {
	for i := range Positions {
		d := nearestDepth(c.pinMils(i))
		if c.shortTurn {
			d = offByOne(d)
		}
		c.code[i] = d
	}
	c.taughtBy = c.key
	c.unknown = c.code != c.key.Cuts
	c.angle, c.rekeyMode = Home, false
	if c.unknown {
		return c.set(EvTaughtUnknown)
	}
	return c.set(EvTaught)
}

// UseTool pushes the rekey tool into the slot and withdraws it. It does
// nothing on a SmartKey at home. At the quarter turn it releases the racks
// (rekey mode); part way round it releases them too, but the next teach
// stores an unknown code (illustrative: how-to pages list a short turn as a
// cause of a failed rekey, not what happens inside).
func (c *Cylinder) UseTool() Event {
	c.bump = bumpResult{}
	switch {
	case c.kind != SmartKey:
		return c.set(EvNoToolSlot)
	case c.rekeyMode:
		return c.set(EvAlreadyRekey)
	case c.angle == Home:
		return c.set(EvToolNothing)
	}
	c.rekeyMode, c.shortTurn = true, c.angle != QuarterTurn
	if c.shortTurn {
		return c.set(EvRekeyShort)
	}
	return c.set(EvRekeyMode)
}

// Bump starts one illustrative bump attempt on an empty keyway and shows
// its first frame, the blow. On a pin tumbler the blow throws each driver
// pin clear of the shear line or not, decided by the cylinder's seeded
// generator (three chances in four each); on a SmartKey it jolts the pins
// and the racks meshed with them, which scatters the rack notches.
// BumpNext shows what follows.
func (c *Cylinder) Bump() Event {
	c.bump = bumpResult{}
	switch {
	case c.insertion != NoKey:
		return c.set(EvKeyAlreadyIn)
	case c.angle != Home:
		return c.set(EvPlugNotHome)
	}
	c.bump.tried, c.bump.stage = true, bumpBlow
	for i := range Positions {
		if c.kind == SmartKey {
			c.bump.jolt[i] = c.joltOf(i)
			continue
		}
		c.bump.cleared[i] = c.next()%4 != 0
	}
	return c.set(EvBumpBlow)
}

// joltOf is how far the blow lifts the pin in a chamber (drawing units):
// a seeded amount, nudged so that its rack notch is never drawn on the
// notch line (the illustration must not suggest a notch lined up).
func (c *Cylinder) joltOf(chamber int) float64 {
	j := 8 + float64(c.next()%48)
	if d := restTip - j - tipY(depthMils(c.code[chamber])); d > -4 && d < 4 {
		j += 10
	}
	return j
}

// BumpNext shows the second frame of a bump attempt: turning pressure
// meets the pins as the blow left them. A pin tumbler opens only when
// every driver pin was thrown clear at once; a SmartKey never opens.
func (c *Cylinder) BumpNext() Event {
	if c.bump.stage != bumpBlow {
		return c.set(EvNoBump)
	}
	c.bump.stage = bumpOutcome
	if c.kind == SmartKey {
		return c.set(EvBumpNoDrivers)
	}
	c.bump.opened = true
	for _, ok := range c.bump.cleared {
		c.bump.opened = c.bump.opened && ok
	}
	if c.bump.opened {
		return c.set(EvBumpOpened)
	}
	return c.set(EvBumpFailed)
}

// BumpCleared lists which driver pins the last bump attempt threw clear.
func (c *Cylinder) BumpCleared() (cleared [Positions]bool, tried bool) {
	return c.bump.cleared, c.bump.tried
}

// next is splitmix64: small, fast and deterministic for a given seed.
func (c *Cylinder) next() uint64 {
	c.rng += 0x9e3779b97f4a7c15
	z := c.rng
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (c *Cylinder) set(e Event) Event {
	c.last = e
	return e
}
