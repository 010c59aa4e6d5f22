//go:build !unix

package generator

import "context"

// lockDir does not lock where flock is missing; concurrent builds to one
// directory are then the user's to avoid.
func lockDir(ctx context.Context, dir string) (unlock func(), err error) {
	return func() {}, ctx.Err()
}

// isMountPoint is false where it cannot be told; a failed rename then
// falls back to replacing the directory's contents.
var isMountPoint = func(dir string) bool { return false }
