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

// BenchmarkBuild builds the synthetic corpus (see package corpus) in
// memory with the real templates. Run .ci/bench.sh for a summary with
// pages per second and peak memory.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n)+"-pages", func(b *testing.B) {
			content := corpus.Files(n)
			templates, err := os.OpenRoot("../templates")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				_, err := Build(context.Background(), Options{Content: content, ContentDir: "content", Templates: templates.FS(), TemplatesDir: "templates"})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

var corpusOut = flag.String("corpus.out", "", "write the synthetic corpus of -corpus.pages pages into this directory (for .ci/bench.sh)")
var corpusPages = flag.Int("corpus.pages", 1000, "pages in the corpus written by -corpus.out")

// TestWriteCorpus writes the benchmark corpus to disk when asked, so the
// command line can be timed end to end on it.
func TestWriteCorpus(t *testing.T) {
	if *corpusOut == "" {
		t.Skip("no -corpus.out given")
	}
	for name, f := range corpus.Files(*corpusPages) {
		path := filepath.Join(*corpusOut, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
