package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// message is one Server-Sent Event for the client script.
type message struct {
	Type    string   `json:"type"` // hello, reload, css or errors
	Version string   `json:"version"`
	URL     string   `json:"url,omitempty"`    // reload: page to go to
	Errors  []string `json:"errors,omitempty"` // hello, errors
}

// hub fans messages out to the connected event streams.
type hub struct {
	mu      sync.Mutex
	clients map[chan message]struct{}
}

// subscribe returns a channel of messages and a func to stop receiving.
// A client too slow to take its messages has its channel closed; its
// browser reconnects and catches up through the hello message.
func (h *hub) subscribe() (<-chan message, func()) {
	ch := make(chan message, 16)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients == nil {
		h.clients = map[chan message]struct{}{}
	}
	h.clients[ch] = struct{}{}
	return ch, func() { h.drop(ch) }
}

func (h *hub) drop(ch chan message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

func (h *hub) broadcast(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- m:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// serveEvents streams messages to one browser until it or the server goes.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "cross-origin event stream refused", http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	msgs, stop := s.hub.subscribe()
	defer stop()
	st := s.current()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 300\n\n")
	writeEvent(w, message{Type: "hello", Version: st.version, Errors: nonNil(st.errs)})
	if rc.Flush() != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-msgs:
			if !ok {
				return
			}
			writeEvent(w, m)
			if rc.Flush() != nil {
				return
			}
		}
	}
}

func writeEvent(w http.ResponseWriter, m message) {
	b, _ := json.Marshal(m)
	fmt.Fprintf(w, "data: %s\n\n", b)
}

func nonNil(lines []string) []string {
	if lines == nil {
		return []string{}
	}
	return lines
}
