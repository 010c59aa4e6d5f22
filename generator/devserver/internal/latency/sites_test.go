package main

import "testing"

func TestWithMarker(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"front matter", "---\ntitle: A\n---\n\nFirst.\n", "---\ntitle: A\n---\n\nLatency marker kw1.\n\nFirst.\n"},
		{"front matter, no blank line", "---\ntitle: A\n---\nFirst.\n", "---\ntitle: A\n---\n\nLatency marker kw1.\n\nFirst.\n"},
		{"no front matter", "First.\n", "Latency marker kw1.\n\nFirst.\n"},
		{"unclosed front matter", "---\ntitle: A\n", "Latency marker kw1.\n\n---\ntitle: A\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withMarker(tt.in, "kw1"); got != tt.want {
				t.Errorf("withMarker(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
