package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruption cancels a command's context on the first SIGINT or SIGTERM
// and remembers which signal it was, for the exit status.
type interruption struct {
	stop func()
	mu   sync.Mutex
	sig  os.Signal
}

// interruptible returns a context that ends on the first SIGINT or
// SIGTERM. A second signal is left to its default action, which ends the
// process at once.
func interruptible() (context.Context, *interruption) {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interruption{}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			in.mu.Lock()
			in.sig = s
			in.mu.Unlock()
			signal.Stop(signals)
			cancel()
		case <-done:
		}
	}()
	in.stop = func() { signal.Stop(signals); close(done); cancel() }
	return ctx, in
}

// exit reports, once a signal has arrived, that the command stopped and
// left out as it was, and returns the conventional exit status: 128 plus
// the signal number (130 for SIGINT, 143 for SIGTERM).
func (in *interruption) exit(stderr io.Writer, command, out string) (int, bool) {
	in.mu.Lock()
	sig := in.sig
	in.mu.Unlock()
	if sig == nil {
		return 0, false
	}
	if command == "build" {
		fmt.Fprintf(stderr, "keyway build: interrupted (%v); %s was left as it was\n", sig, out)
	} else {
		fmt.Fprintf(stderr, "keyway %s: interrupted (%v)\n", command, sig)
	}
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s), true
	}
	return 130, true
}
