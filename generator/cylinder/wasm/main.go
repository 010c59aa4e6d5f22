//go:build wasip1

// Command wasm exposes the cylinder simulator to the browser as a WASI
// reactor (GOOS=wasip1 GOARCH=wasm -buildmode=c-shared). It holds no logic:
// every export forwards to package cylinder.
//
// Strings cross the boundary through linear memory. To pass text in, the
// host calls in_buffer(n) for a pointer to n writable bytes and writes
// UTF-8 there. Text comes out through the output buffer: a call that
// produces text returns its length in bytes, and out_ptr gives its address.
// Views of memory must be re-created after every call (memory can grow).
package main

import (
	"strings"
	"unsafe"

	"keyway/generator/cylinder"
)

//lint:file-ignore U1000 the functions are reached through //go:wasmexport, which staticcheck does not follow

func main() {}

var (
	input  []byte
	output []byte
	sims   []*cylinder.Sim // handle h is sims[h-1]; nil once freed
)

func lookup(handle int32) (*cylinder.Sim, bool) {
	if handle < 1 || int(handle) > len(sims) || sims[handle-1] == nil {
		return nil, false
	}
	return sims[handle-1], true
}

//go:wasmexport in_buffer
func inBuffer(n int32) uint32 {
	if int(n) > cap(input) {
		input = make([]byte, n)
	}
	input = input[:n]
	return bufferPtr(input)
}

//go:wasmexport out_ptr
func outPtr() uint32 { return bufferPtr(output) }

func bufferPtr(b []byte) uint32 {
	if cap(b) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
}

func emit(s string) int32 {
	output = append(output[:0], s...)
	return int32(len(output))
}

// sim_new starts the scenario named by the n input bytes. It returns a
// handle (> 0), or minus the length of an error text in the output buffer.
//
//go:wasmexport sim_new
func simNew(n int32) int32 {
	s, err := cylinder.NewSim(string(input[:n]))
	if err != nil {
		return -emit(err.Error())
	}
	sims = append(sims, s)
	return int32(len(sims))
}

// sim_do performs the action named by the n input bytes and returns the
// length of the narration (or, if negative, minus the length of an error).
//
//go:wasmexport sim_do
func simDo(handle, n int32) int32 {
	s, ok := lookup(handle)
	if !ok {
		return -emit("no simulator " + cylinder.Decimal(int(handle)))
	}
	if err := s.Do(string(input[:n])); err != nil {
		return -emit(err.Error())
	}
	return emit(s.Describe())
}

// sim_svg writes the pictures of the current state (wide and narrow
// layouts, one after the other) and returns their length.
//
//go:wasmexport sim_svg
func simSVG(handle int32) int32 {
	s, ok := lookup(handle)
	if !ok {
		return 0
	}
	return emit(cylinder.DrawBoth(s))
}

// sim_view writes the controls and narration as lines of tab-separated
// fields, so the host needs no JSON:
//
//	say	<narration>
//	action	<name>	<label>
//	key	<index>	<name>	<1 if chosen>
//	editor	<1 if the reader can cut a key>
//
//go:wasmexport sim_view
func simView(handle int32) int32 {
	s, ok := lookup(handle)
	if !ok {
		return 0
	}
	return emit(view(s))
}

func view(s *cylinder.Sim) string {
	var b strings.Builder
	b.WriteString("say\t" + s.Describe() + "\n")
	for _, a := range s.Actions() {
		b.WriteString("action\t" + a.Name + "\t" + a.Label + "\n")
	}
	for i, k := range s.Keys() {
		chosen := "0"
		if i == s.Selected() {
			chosen = "1"
		}
		b.WriteString("key\t" + cylinder.Decimal(i) + "\t" + k.Name + "\t" + chosen + "\n")
	}
	if s.Editor() {
		b.WriteString("editor\t1\n")
	}
	return b.String()
}

// sim_free forgets a simulator.
//
//go:wasmexport sim_free
func simFree(handle int32) {
	if _, ok := lookup(handle); ok {
		sims[handle-1] = nil
	}
}
