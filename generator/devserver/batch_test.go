package devserver

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestBatchBurst(t *testing.T) {
	b := batch{quiet: 20 * time.Millisecond, max: 300 * time.Millisecond}
	t0 := time.Unix(1000, 0)
	if _, ok := b.due(); ok {
		t.Fatal("empty batch is due")
	}
	for i := range 100 {
		b.add("content/a.md", t0.Add(time.Duration(i)*100*time.Microsecond))
	}
	b.add("content/b.md", t0.Add(10*time.Millisecond))
	at, ok := b.due()
	if want := t0.Add(30 * time.Millisecond); !ok || !at.Equal(want) {
		t.Errorf("due() = %v, %v, want %v, true", at, ok, want)
	}
	got := b.take()
	if want := []string{"content/a.md", "content/b.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("take() = %q, want %q", got, want)
	}
	if _, ok := b.due(); ok {
		t.Error("batch still due after take")
	}
}

func TestBatchNeverWaitsLongerThanMax(t *testing.T) {
	b := batch{quiet: 20 * time.Millisecond, max: 300 * time.Millisecond}
	t0 := time.Unix(1000, 0)
	for i := range 50 { // an event every 10 ms for half a second
		b.add("x", t0.Add(time.Duration(i)*10*time.Millisecond))
	}
	if at, _ := b.due(); !at.Equal(t0.Add(300 * time.Millisecond)) {
		t.Errorf("due() = %v, want first event + 300ms", at.Sub(t0))
	}
}

func TestIsEditorTemp(t *testing.T) {
	tests := map[string]bool{
		"guide.md": false, "site.css": false, "4913": true, "guide.md~": true,
		".guide.md.swp": true, ".guide.md.swx": true, "guide.md.bck": true, ".#guide.md": true,
		"guide.tmp": true, "#guide.md#": true, ".goutputstream-ABC123": true,
		"guide.md___jb_tmp___": true, "guide.md___jb_old___": true, "49130": false, ".hidden.md": false,
	}
	for name, want := range tests {
		if got := isEditorTemp(name); got != want {
			t.Errorf("isEditorTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestBatchWaitsForAnEmptyFile: a batch whose file is empty (truncated by
// a save in place, its text not yet written) waits emptyFileWait after its
// last event, never past max; a batch of non-empty files does not.
func TestBatchWaitsForAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	empty, full := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(full, []byte("text"), 0o644)
	t0 := time.Unix(1000, 0)

	b := batch{quiet: 3 * time.Millisecond, max: 300 * time.Millisecond}
	b.add(full, t0)
	if at, held := b.heldUntil(isEmptyFile); held {
		t.Errorf("heldUntil(non-empty file) = %v, true, want false", at.Sub(t0))
	}
	b.add(empty, t0.Add(10*time.Millisecond))
	if at, held := b.heldUntil(isEmptyFile); !held || !at.Equal(t0.Add(110*time.Millisecond)) {
		t.Errorf("heldUntil(empty file) = %v, %v, want 110ms, true", at.Sub(t0), held)
	}
	b.add(empty, t0.Add(250*time.Millisecond))
	if at, _ := b.heldUntil(isEmptyFile); !at.Equal(t0.Add(300 * time.Millisecond)) {
		t.Errorf("heldUntil(empty file, late event) = %v, want the max, 300ms", at.Sub(t0))
	}
}
