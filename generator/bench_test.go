package generator

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"keyway/generator/internal/corpus"
)

// benchCases are the sites BenchmarkBuild builds, as SHAPE-N (see
// corpus.Shapes): the synthetic corpus, one flat section of trivial pages
// and one page of identical headings.
var benchCases = []struct {
	shape string
	n     int
}{
	{"corpus", 1000}, {"corpus", 10000},
	{"flat", 1000}, {"flat", 10000}, {"flat", 20000},
	{"headings", 20000},
}

// BenchmarkBuild builds each benchmark site in memory with the real
// templates. Run .ci/bench.sh for a summary with pages per second and
// peak memory.
func BenchmarkBuild(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.shape+"-"+strconv.Itoa(c.n), func(b *testing.B) {
			content := corpus.Shapes[c.shape](c.n)
			templates, err := os.OpenRoot("../templates")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			pages := 0
			for b.Loop() {
				out, err := Build(context.Background(), Options{Content: content, ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"})
				if err != nil {
					b.Fatal(err)
				}
				pages = out.Pages
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

var corpusOut = flag.String("corpus.out", "", "write the benchmark site -corpus.shape of -corpus.pages into this directory (for .ci/bench.sh)")
var corpusShape = flag.String("corpus.shape", "corpus", "shape of the site written by -corpus.out: corpus, flat or headings")
var corpusPages = flag.Int("corpus.pages", 1000, "pages (for headings: headings) in the site written by -corpus.out")

// TestWriteCorpus writes a benchmark site to disk when asked, so the
// command line can be timed end to end on it.
func TestWriteCorpus(t *testing.T) {
	if *corpusOut == "" {
		t.Skip("no -corpus.out given")
	}
	shape := corpus.Shapes[*corpusShape]
	if shape == nil {
		t.Fatalf("-corpus.shape %q: want corpus, flat or headings", *corpusShape)
	}
	for name, f := range shape(*corpusPages) {
		path := filepath.Join(*corpusOut, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
