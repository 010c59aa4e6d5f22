package devserver

import (
	"bytes"
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
	// For one tab (see forPage): its page as the server now serves it, or
	// Same when that page did not change.
	HTML string `json:"html,omitempty"` // reload, css
	Same bool   `json:"same,omitempty"` // reload, css

	site, prev *files // reload, css: the snapshot announced and the one before
}

// forPage is m as sent to a tab showing the URL path page: a change of
// the site comes with the page's new HTML (with the client script, as it
// would be served), or says that the page is unchanged, so that the tab
// need not fetch it. Without a page, and when the tab is sent elsewhere,
// the tab fetches what it needs itself.
func forPage(m message, page string) message {
	if page == "" || m.site == nil || (m.URL != "" && m.URL != page) {
		return m
	}
	name, how := m.site.resolve(page)
	if name == "" || how == redirect || !isHTML(name) {
		return m
	}
	if m.prev != nil {
		if was, _ := m.prev.resolve(page); was == name && sameBytes(m.prev.data[was], m.site.data[name]) {
			m.Same = true
			return m
		}
	}
	m.HTML = string(inject(m.site.data[name], headSnippet(m.Version, false), ""))
	return m
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
	page := r.URL.Query().Get("page")
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
			writeEvent(w, forPage(m, page))
			if rc.Flush() != nil {
				return
			}
		}
	}
}

// writeEvent writes m as one event; JSON holds no line breaks, and
// is left unescaped for HTML (it is not in a page) to stay small.
func writeEvent(w http.ResponseWriter, m message) {
	var b bytes.Buffer
	b.WriteString("data: ")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(m) // ends with a newline
	b.WriteString("\n")
	w.Write(b.Bytes())
}

func nonNil(lines []string) []string {
	if lines == nil {
		return []string{}
	}
	return lines
}
