package cli

import "context"

// simulatorBuilder compiles the cylinder simulator to WebAssembly.
func simulatorBuilder() func(ctx context.Context) ([]byte, error) {
	return nil
}
