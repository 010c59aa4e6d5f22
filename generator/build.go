package generator

import (
	"context"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
)

// Options says what to build.
type Options struct {
	Content      fs.FS  // the content directory
	ContentDir   string // its name as given by the user, for messages
	Templates    fs.FS  // the templates directory
	TemplatesDir string // its name as given by the user, for messages
	BaseURL      string // overrides base_url of the site configuration
	Drafts       bool   // include pages marked draft
	// Simulator provides the compiled cylinder simulator (WebAssembly) for
	// pages that embed one; nil means DefaultSimulator.
	Simulator func(ctx context.Context) ([]byte, error)
	// Progress, when set, is called as pages are rendered.
	Progress func(done, total int)
	// Cache, when set, lets this build reuse the work of earlier ones
	// (the preview server keeps one in memory, keyway build one on disk).
	Cache *Cache
	// ForWrite says the Output is only for Output.Write: a page reused
	// from a cache file is then read from the file only when Write must
	// write it, and until then Files holds nil for it.
	ForWrite bool
	// Dir, when set, is an empty directory (see WriteDir) that every
	// output file is written into as soon as it is made, so the site is
	// never held in memory whole: Output.Files then names every file, and
	// holds the content of none but the HTML files not rendered from a
	// page. Such an Output cannot be written again with Output.Write.
	Dir string
	// Changed, when not nil, lists the content files (content-relative,
	// slash-separated) that may differ from the last build made with the
	// same Cache: nothing else, templates and simulator included, may
	// have changed since. The preview server passes the files its watcher
	// reported. When they are pages whose structure is as it was, only
	// they are rendered again (see rebuildPages). nil: anything may have
	// changed.
	Changed []string
	// ChangedStylesheets, with Changed, lists the stylesheets of
	// templates/assets/ (by name, such as "site.css") that changed as
	// well; nothing else under the templates may have. With
	// StableStylesheets no page shows their content or hash, so only
	// they are made again (see rebuildPages).
	ChangedStylesheets []string
	// StableStylesheets names each stylesheet of templates/assets/ by
	// its name alone (/assets/site.css), not by a hash of its content:
	// the preview server, which serves it uncached, then has a stylesheet
	// edit change that one file, not the stylesheet URL in every page.
	StableStylesheets bool
}

// Output is a built site held in memory.
type Output struct {
	Files  map[string][]byte // slash-separated output path -> content
	Pages  int               // HTML pages written from content and data
	Source map[string]string // content-relative source path -> URL path
	// cache is the build's Cache: Write keeps there what it wrote (see
	// outputState), and sums holds the SHA-256 of the pages it knows.
	cache *Cache
	sums  map[string][32]byte
	lazy  map[string]func() ([]byte, error) // files made only if Write needs them (ForWrite)
}

// builder holds what every stage of one build uses: its options, the
// loaded site and theme, the problems and the output files. What one
// stage makes for the next (the pages as rendered, the generated pages)
// is passed as arguments instead: see Build.
type builder struct {
	ctx     context.Context // cancelled: stop at the next page or stage
	o       *Options
	site    *Site
	content *content
	md      goldmark.Markdown
	assets  *assets
	layouts *layouts
	probs   problemList
	mu      sync.Mutex                        // guards files, lazy and execErrs, which the cores write to
	files   map[string][]byte                 // the output so far
	lazy    map[string]func() ([]byte, error) // files that are nil in files: made when Write needs them
	// cacheErr is the first damage found in the Cache's file.
	cacheErr error
	search   searchState // the search index made, for the Cache
	checked  [32]byte    // what the link check saw (checkKey), for the Cache
	// execErrs groups template execution errors by template line.
	execErrs  map[Problem][]string
	structKey [32]byte   // what every page's rendering depends on (see Cache)
	wasm      wasmAsset  // the compiled simulator, once a page needs it
	disk      diskWriter // Options.Dir
	navs      sharedNavs // see sharedNav
}

// Build builds the site in memory. It returns Problems when the input has
// errors; the Output is then nil.
func Build(ctx context.Context, o Options) (*Output, error) {
	if o.Content == nil || o.Templates == nil {
		return nil, Problems{{Msg: "no content or templates directory"}}
	}
	if o.Simulator == nil {
		o.Simulator = DefaultSimulator
	}
	if out, ok := o.Cache.rebuildPages(ctx, &o); ok {
		return out, nil
	}
	b := &builder{ctx: ctx, o: &o, files: map[string][]byte{}, disk: diskWriter{dir: o.Dir}}
	site, probs := loadSite(o.Content, o.ContentDir, o.BaseURL)
	b.probs.addAll(probs)
	if site == nil {
		return nil, b.probs.err()
	}
	b.site = site
	b.md = newMarkdown(site.UnsafeHTML, o.Cache.codeCache(), b.simulator)
	b.content = loadContent(ctx, o.Content, o.ContentDir, o.Cache, &b.probs)
	b.content.dropDrafts(o.Drafts)
	b.content.index(o.ContentDir, site, &b.probs)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if b.content.noHome { // every layout shows the home page's navigation
		return nil, b.probs.err()
	}
	if !b.loadTheme() {
		return nil, b.probs.err()
	}
	b.structKey = b.structureKey()
	prog := &progress{report: o.Progress, total: len(b.content.pages)}
	var done renderedPages // every page rendered so far, by output path
	var extra []*Page      // the generated pages
	for _, stage := range []func(){
		func() { done = b.renderContentPages(prog) },
		func() { extra = b.addGeneratedPages(done) },
		func() { b.renderGeneratedPages(extra, done, prog) },
		func() { b.writeSiteFiles(extra) },
		b.copyContentFiles,
		b.waitPrecompressed,
		func() { b.checkOutputPaths(extra) },
		func() { b.checkOutput(done) },
	} {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		stage()
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if b.cacheErr != nil {
		return nil, b.cacheErr
	}
	if err := b.probs.err(); err != nil {
		return nil, err
	}
	if err := b.disk.err(); err != nil { // after Problems: a clash of paths fails to write too
		return nil, err
	}
	pages, fresh := done.forCache()
	o.Cache.endBuild(pages, fresh, b.files)
	o.Cache.setLast(b.search, b.checked)
	out := b.output(extra)
	if o.Cache != nil {
		out.cache, out.sums = o.Cache, pageSums(done)
		if b.search.Sum != ([32]byte{}) { // not made for Write: Write hashes it
			out.sums[searchIndexFile] = b.search.Sum
		}
	}
	o.Cache.keepLast(b, done, out)
	return out, nil
}

// loadTheme loads assets and templates; it reports false when a template
// is broken, since every page would then fail as well.
func (b *builder) loadTheme() bool {
	before := len(b.probs.list)
	code, err := b.o.Cache.codeStyles()
	if err != nil {
		b.probs.add("", 0, "cannot generate code styles: "+err.Error())
	}
	extra := map[string][]byte{"code.css": []byte(code)}
	b.assets = loadAssets(b.o.Templates, b.o.TemplatesDir, b.o.Cache.minify, extra, &b.probs)
	if b.o.StableStylesheets {
		b.assets.unhashStylesheets()
	}
	b.site.csp = contentSecurityPolicy(b.assets.scriptHashes())
	b.layouts = loadTemplates(b.o.Templates, b.o.TemplatesDir, b.funcs(), &b.probs)
	return len(b.probs.list) == before
}

// put adds a file to the output; with Options.Dir it is written there
// now and only its name is kept (and, for an HTML file, its content,
// which checkOutput scans unless it is a rendered page: see putPage).
func (b *builder) put(path string, data []byte) { b.store(path, data, true) }

// putPage adds a rendered page, whose links were scanned as it was made.
func (b *builder) putPage(path string, data []byte) { b.store(path, data, false) }

func (b *builder) store(path string, data []byte, keepHTML bool) {
	if b.disk.dir != "" {
		b.disk.write(path, data)
		if !keepHTML || !strings.HasSuffix(path, ".html") {
			data = nil
		}
	}
	b.mu.Lock()
	b.files[path] = data
	b.mu.Unlock()
}

// putLazy adds a file made only if Write needs it: a page reused from a
// cache file and not read from it, or the search index made from them.
func (b *builder) putLazy(path string, make func() ([]byte, error)) {
	b.mu.Lock()
	b.files[path] = nil
	if b.lazy == nil {
		b.lazy = map[string]func() ([]byte, error){}
	}
	b.lazy[path] = make
	b.mu.Unlock()
}

// cacheFailed records damage found in the Cache's file: the build then
// fails with it, to be made again without the cache.
func (b *builder) cacheFailed(err error) {
	b.mu.Lock()
	if b.cacheErr == nil {
		b.cacheErr = err
	}
	b.mu.Unlock()
}

func (b *builder) output(extra []*Page) *Output {
	out := &Output{Files: b.files, Source: map[string]string{}, lazy: b.lazy}
	for _, p := range b.content.pages {
		out.Source[p.Source] = p.URL
	}
	out.Pages = len(b.content.pages) + len(extra)
	return out
}

// parallel runs fn(0..n-1) on all cores; once ctx is cancelled it hands
// out no more work and returns when the calls under way have ended.
func parallel(ctx context.Context, n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}
