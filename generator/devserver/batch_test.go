package devserver

import (
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
