package generator

import (
	"context"
	"os"
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
