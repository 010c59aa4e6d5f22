package embed

// explanations are the no-JavaScript text of each scenario: first what the
// poster shows at rest (hidden once the live picture replaces it), then
// what the running simulator lets the reader try, in words that hold
// before and after Start.
var explanations = map[string][]string{
	"explore": {
		"The picture is a cutaway of a SmartKey cylinder with no key in it. Five pins rest in the keyway; beside each pin is a rack that carries one part of the code, and above them runs the sidebar. With no key, the rack notches sit at different heights, so the sidebar cannot move and the plug stays locked.",
		"With the right key, each cut lifts its pin exactly far enough that all five notches line up into one channel; a light turn lets the sidebar slip in and the plug turns. With a wrong key, at least one notch is out of line and the plug will not turn. With the simulator started you can try the house key, a neighbour's key, a key pushed in only part way, or a key you cut yourself, and tells you which positions are wrong.",
	},
	"rekey": {
		"The picture shows a SmartKey cylinder at rest. Rekeying it needs the key that works now: turned a quarter turn to the rekey position, the tool pushed into the slot beside the keyway, then the new key put in all the way and turned back. The racks then hold the new key's code and the old key stops working.",
		"In this simplified model the tool frees the racks from the pins, the pins follow the new key, and turning back makes the racks grip the pins again at their new places. Started, the simulator also shows the usual mistakes: the tool does nothing unless a working key holds the plug at the full quarter turn, and a new key that is not pushed all the way in leaves the lock on a code that matches none of your keys.",
	},
	"bump": {
		"The picture shows a classic pin tumbler cylinder above a SmartKey cylinder. In the pin tumbler, each chamber holds a key pin, a driver pin and a spring, and the plug turns only when every stack splits at the shear line. A bump attempt relies on throwing the driver pins above that line for an instant, and it sometimes succeeds.",
		"A SmartKey has no driver pins to throw, and turning pressure presses its sidebar against the racks, so a bump attempt does not open it. Started, the simulator repeats illustrative attempts on both locks. Whether every driver pin clears at once is down to chance; here a fixed pseudo-random sequence decides, so the attempts replay the same way every time. It is not a recipe.",
	},
	"worn-key": {
		"The picture shows a SmartKey cylinder keyed to a factory key. A copy of that key is never cut exactly; while each cut stays within what the lock tolerates, the copy turns it like the original. As the copy wears, or when it was badly cut, a cut can drift past that tolerance: its notch no longer lines up and the key that used to work stops turning, though it looks almost the same.",
		"With the simulator started you can try the factory key, a copy that is still good and the same copy after more wear, and rekey with any of them. Rekeying with the worn copy can leave the lock on a code that neither key opens (simplified). Locksmiths link keys that stop working to badly cut copies; fresh factory or code-cut keys avoid this. The tolerance and the wear figures here are illustrative.",
	},
	"compare": {
		"The picture puts a SmartKey cylinder and a classic pin tumbler side by side, keyed alike. The pin tumbler blocks the plug with pin stacks that cross the shear line; the SmartKey blocks it with a sidebar that needs all five rack notches in line.",
		"Started, the simulator sends the same key into both locks at once, so you can see the pins rise in each and compare how the right key, a wrong key, a key not pushed all the way in, and a bump attempt play out in the two designs.",
	},
}
