// Package loadgen drives HTTP load for the preview server's load test: a
// number of workers, each on its own keep-alive connection, fetch URLs in
// turn until a deadline or a request budget runs out, and every response
// is timed and checked.
package loadgen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Config describes one load run.
type Config struct {
	URLs     []string      // fetched in turn by every worker, each starting at its own offset
	Workers  int           // concurrent connections
	Duration time.Duration // the run stops after this long...
	MaxReqs  int           // ...or after this many requests in all (0: no limit)
	// Check judges one complete response; a non-nil error counts as a
	// failure. Nil accepts every response.
	Check func(url string, status int, header http.Header, body []byte) error
}

// Stats are the figures of one run.
type Stats struct {
	Requests  int           // responses received
	Errors    int           // requests that got no complete response
	Failures  int           // responses Check rejected
	Examples  []string      // the first few errors and failures
	Status    map[int]int   // responses by status code
	Elapsed   time.Duration // wall time of the run
	latencies []time.Duration
}

// maxExamples is how many error and failure texts Stats keeps.
const maxExamples = 10

// Run performs the load described by cfg and returns its figures. It
// returns early when ctx is cancelled.
func Run(ctx context.Context, cfg Config) Stats {
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	transport := &http.Transport{MaxIdleConnsPerHost: cfg.Workers, MaxConnsPerHost: cfg.Workers}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	var (
		mu     sync.Mutex
		total  Stats
		budget = cfg.MaxReqs
		wg     sync.WaitGroup
	)
	total.Status = map[int]int{}
	take := func() bool { // reserves one request of the budget
		mu.Lock()
		defer mu.Unlock()
		if cfg.MaxReqs > 0 && budget == 0 {
			return false
		}
		budget--
		return true
	}
	start := time.Now()
	for w := range cfg.Workers {
		wg.Go(func() {
			var mine Stats
			mine.Status = map[int]int{}
			for i := w; ctx.Err() == nil && take(); i++ {
				url := cfg.URLs[i%len(cfg.URLs)]
				fetch(ctx, client, url, cfg.Check, &mine)
			}
			mu.Lock()
			total.merge(mine)
			mu.Unlock()
		})
	}
	wg.Wait()
	total.Elapsed = time.Since(start)
	slices.Sort(total.latencies)
	return total
}

// fetch makes one request and records it in st. A request cut short by
// the end of the run is not counted.
func fetch(ctx context.Context, client *http.Client, url string, check func(string, int, http.Header, []byte) error, st *Stats) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		st.fail(&st.Errors, err.Error())
		return
	}
	begin := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			st.fail(&st.Errors, fmt.Sprintf("GET %s: %v", url, err))
		}
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		if ctx.Err() == nil {
			st.fail(&st.Errors, fmt.Sprintf("GET %s: reading body: %v", url, err))
		}
		return
	}
	st.latencies = append(st.latencies, time.Since(begin))
	st.Requests++
	st.Status[resp.StatusCode]++
	if check != nil {
		if err := check(url, resp.StatusCode, resp.Header, body); err != nil {
			st.fail(&st.Failures, fmt.Sprintf("GET %s: %v", url, err))
		}
	}
}

func (st *Stats) fail(counter *int, text string) {
	*counter++
	if len(st.Examples) < maxExamples {
		st.Examples = append(st.Examples, text)
	}
}

func (st *Stats) merge(o Stats) {
	st.Requests += o.Requests
	st.Errors += o.Errors
	st.Failures += o.Failures
	for _, e := range o.Examples {
		if len(st.Examples) < maxExamples {
			st.Examples = append(st.Examples, e)
		}
	}
	for code, n := range o.Status {
		st.Status[code] += n
	}
	st.latencies = append(st.latencies, o.latencies...)
}

// Rate is responses per second.
func (st Stats) Rate() float64 {
	if st.Elapsed <= 0 {
		return 0
	}
	return float64(st.Requests) / st.Elapsed.Seconds()
}

// Percentile is the latency below which the fraction p (0 to 1) of the
// responses came, by the nearest-rank method; 0 without responses.
func (st Stats) Percentile(p float64) time.Duration {
	return percentile(st.latencies, p)
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p*float64(len(sorted)) + 0.999999999)
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// ServerErrors is the number of 5xx responses.
func (st Stats) ServerErrors() int {
	n := 0
	for code, count := range st.Status {
		if code >= 500 {
			n += count
		}
	}
	return n
}

// String summarizes the run in one line.
func (st Stats) String() string {
	return fmt.Sprintf("%d requests in %v (%.0f/s), p50 %v, p99 %v, max %v, %d errors, %d failed checks, %d 5xx, status %v",
		st.Requests, st.Elapsed.Round(time.Millisecond), st.Rate(),
		st.Percentile(0.50).Round(10*time.Microsecond), st.Percentile(0.99).Round(10*time.Microsecond),
		st.Percentile(1).Round(10*time.Microsecond), st.Errors, st.Failures, st.ServerErrors(), st.Status)
}
