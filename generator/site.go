package generator

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Site is the site configuration from content/site.yaml.
type Site struct {
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	BaseURL     string    `yaml:"base_url"`
	Language    string    `yaml:"language"`
	UnsafeHTML  bool      `yaml:"unsafe_html"`
	Publisher   Publisher `yaml:"publisher"`
	// OtherSitePaths are root-relative paths that belong to another site
	// on the same host (a project's main website, say): links under them
	// are left as written and not checked.
	OtherSitePaths []string `yaml:"other_site_paths"`

	basePath string // path part of BaseURL, always ending in "/"
	csp      string // Content-Security-Policy, set once the assets are known
}

// Publisher is the business that publishes the site.
type Publisher struct {
	Name  string `yaml:"name"`
	Phone string `yaml:"phone"`
	Area  string `yaml:"area"`
	Email string `yaml:"email"`
}

// TelURL is the phone number as a tel: URL.
func (p Publisher) TelURL() template.URL {
	var b strings.Builder
	for _, r := range p.Phone {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// BasePath is the path the site is served under, such as "/" or "/keyway/".
func (s *Site) BasePath() string { return s.basePath }

const siteConfigName = "site.yaml"

var yamlErrLine = regexp.MustCompile(`line (\d+): `)

func loadSite(content fs.FS, contentDir, baseURLFlag string) (*Site, []Problem) {
	path := joinPath(contentDir, siteConfigName)
	src, err := fs.ReadFile(content, siteConfigName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, []Problem{{Path: path, Msg: "missing site configuration (title, base_url, language)"}}
	}
	if err != nil {
		return nil, []Problem{{Path: path, Msg: err.Error()}}
	}
	site := &Site{Language: "en"}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(site); err != nil {
		return nil, []Problem{yamlConfigProblem(path, err)}
	}
	if baseURLFlag != "" {
		site.BaseURL = baseURLFlag
	}
	var probs []Problem
	if strings.TrimSpace(site.Title) == "" {
		probs = append(probs, Problem{Path: path, Msg: "missing title"})
	}
	for _, p := range site.OtherSitePaths {
		if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
			probs = append(probs, Problem{Path: path, Msg: "other_site_paths: " + strconv.Quote(p) + " is not a root-relative path such as /blog/"})
		}
	}
	u, err := url.Parse(site.BaseURL)
	switch {
	case site.BaseURL == "":
		probs = append(probs, Problem{Path: path, Msg: "missing base_url (for example https://example.com/ or /keyway/)"})
		site.useRootForChecks()
	case err != nil || u.RawQuery != "" || u.Fragment != "":
		probs = append(probs, Problem{Path: path, Msg: "invalid base_url " + strconv.Quote(site.BaseURL)})
		site.useRootForChecks()
	default:
		site.basePath = strings.TrimSuffix(u.Path, "/") + "/"
		if !strings.HasPrefix(site.basePath, "/") {
			site.basePath = "/" + site.basePath
		}
		site.BaseURL = strings.TrimSuffix(site.BaseURL, "/") + "/"
	}
	return site, probs
}

// useRootForChecks serves a site whose base_url is missing or invalid from
// "/" for the rest of a build that has already failed, so its pages and
// links are still checked and reported without a follow-on error for every
// asset and page link.
func (s *Site) useRootForChecks() {
	s.BaseURL, s.basePath = "/", "/"
}

func yamlConfigProblem(path string, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line := 0
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
	}
	return Problem{Path: path, Line: line, Msg: msg}
}

// joinPath joins a directory as given on the command line with a
// slash-separated path inside it, for messages.
func joinPath(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return strings.TrimSuffix(dir, "/") + "/" + name
}

// isOtherSite reports whether a root-relative link path lies under one of
// OtherSitePaths (segment by segment: /blog covers /blog/x, not /blogger).
func (s *Site) isOtherSite(target string) bool {
	for _, p := range s.OtherSitePaths {
		p = strings.TrimSuffix(p, "/")
		if target == p || strings.HasPrefix(target, p+"/") {
			return true
		}
	}
	return false
}

// absURL turns a site-root-relative path into an absolute URL.
func (s *Site) absURL(p string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + escapePath(strings.TrimPrefix(p, "/"))
}

// printURL is the address a printed page shows for href, a URL path as
// the site renders it (base path included): the site's host and the path,
// without the "https://" a reader need not type. With a base_url that has
// no host it is the path alone.
func (s *Site) printURL(href string) string {
	origin := strings.TrimSuffix(s.BaseURL, s.basePath)
	return strings.TrimPrefix(origin+href, "https://")
}

// relURL prefixes the base path to a site-root-relative path.
func (s *Site) relURL(p string) string {
	if !strings.HasPrefix(p, "/") {
		return p
	}
	return s.basePath + escapePath(strings.TrimPrefix(p, "/"))
}

// escapePath percent-encodes a URL path, keeping any #fragment.
func escapePath(p string) string {
	frag := ""
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	return (&url.URL{Path: p}).EscapedPath() + frag
}
