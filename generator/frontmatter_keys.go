package generator

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// knownKeys lists every front matter key and how its value is stored.
var knownKeys = map[string]func(fm *FrontMatter, v any) string{
	"title":       func(fm *FrontMatter, v any) string { return setString(&fm.Title, v) },
	"description": func(fm *FrontMatter, v any) string { return setString(&fm.Description, v) },
	"weight":      setWeight,
	"draft":       setDraft,
	"slug":        setSlug,
	"aliases":     setAliases,
	"date":        func(fm *FrontMatter, v any) string { return setTime(&fm.Date, v) },
	"lastmod":     func(fm *FrontMatter, v any) string { return setTime(&fm.Lastmod, v) },
	"layout":      func(fm *FrontMatter, v any) string { return setString(&fm.Layout, v) },
	"summary":     func(fm *FrontMatter, v any) string { return setString(&fm.Summary, v) },
	"params":      setParams,
}

func knownKeyList() string {
	keys := make([]string, 0, len(knownKeys))
	for k := range knownKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// decodeFrontMatter validates fields; every problem carries its line.
func decodeFrontMatter(fields []field, requireTitle bool) (FrontMatter, []Problem) {
	fm := FrontMatter{lines: map[string]int{}}
	var probs []Problem
	seen := map[string]bool{}
	for _, f := range fields {
		set, ok := knownKeys[f.key]
		if !ok {
			probs = append(probs, Problem{Line: f.line, Msg: fmt.Sprintf("unknown front matter key %q (known keys: %s; put free-form values under params)", f.key, knownKeyList())})
			continue
		}
		if seen[f.key] {
			probs = append(probs, Problem{Line: f.line, Msg: fmt.Sprintf("front matter key %q is given twice (first on line %d); keep one", f.key, fm.lines[f.key])})
			continue
		}
		seen[f.key] = true
		fm.lines[f.key] = f.line
		if msg := set(&fm, f.value); msg != "" {
			probs = append(probs, Problem{Line: f.line, Msg: f.key + ": " + msg})
		}
	}
	if requireTitle {
		probs = append(probs, requiredText(fields, seen, "title", fm.Title)...)
		probs = append(probs, requiredText(fields, seen, "description", fm.Description)...)
	}
	return fm, probs
}

func requiredText(fields []field, seen map[string]bool, key, value string) []Problem {
	if !seen[key] {
		return []Problem{{Line: 1, Msg: "missing " + key + " in front matter"}}
	}
	if strings.TrimSpace(value) == "" {
		for _, f := range fields {
			if f.key == key {
				return []Problem{{Line: f.line, Msg: key + ": must not be empty"}}
			}
		}
	}
	return nil
}

func setString(dst *string, v any) string {
	s, ok := v.(string)
	if !ok {
		return fmt.Sprintf("want text, got %s", describe(v))
	}
	*dst = s
	return ""
}

func setWeight(fm *FrontMatter, v any) string {
	switch n := v.(type) {
	case int:
		fm.Weight = n
	case int64:
		fm.Weight = int(n)
	default:
		return fmt.Sprintf("want a whole number, got %s", describe(v))
	}
	return ""
}

func setDraft(fm *FrontMatter, v any) string {
	b, ok := v.(bool)
	if !ok {
		return fmt.Sprintf("want true or false, got %s", describe(v))
	}
	fm.Draft = b
	return ""
}

func setSlug(fm *FrontMatter, v any) string {
	if msg := setString(&fm.Slug, v); msg != "" {
		return msg
	}
	s := fm.Slug
	if s == "" || strings.ContainsAny(s, `/.%`) || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q is not a valid slug: use letters, digits and hyphens, with no slash or dots", s)
	}
	if why := badName(s); why != "" {
		return fmt.Sprintf("%q is not a valid slug: %s", s, why)
	}
	return ""
}

func setAliases(fm *FrontMatter, v any) string {
	list, ok := v.([]any)
	if !ok {
		return fmt.Sprintf("want a list of URLs, got %s", describe(v))
	}
	for _, item := range list {
		s, ok := item.(string)
		// An alias copied from the address bar is percent-encoded; the
		// redirect page is written where a host looks for it: decoded.
		decoded, err := url.PathUnescape(s)
		if !ok || err != nil || !strings.HasPrefix(s, "/") || strings.Contains(decoded, "..") || strings.ContainsAny(s, "?#") {
			return fmt.Sprintf("alias %s must be a root-relative URL path such as /old/page/", describe(item))
		}
		for _, seg := range strings.Split(strings.Trim(decoded, "/"), "/") {
			if why := badName(seg); seg != "" && why != "" {
				return fmt.Sprintf("alias %q: %s", s, why)
			}
		}
		fm.Aliases = append(fm.Aliases, decoded)
	}
	return ""
}

func setTime(dst *time.Time, v any) string {
	switch t := v.(type) {
	case time.Time:
		*dst = t.UTC()
		return ""
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			if parsed, err := time.Parse(layout, t); err == nil {
				*dst = parsed.UTC()
				return ""
			}
		}
		return fmt.Sprintf("want a date such as 2026-11-26, got %q", t)
	}
	if s, ok := v.(fmt.Stringer); ok { // TOML local dates
		return setTime(dst, s.String())
	}
	return fmt.Sprintf("want a date such as 2026-11-26, got %s", describe(v))
}

func setParams(fm *FrontMatter, v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprintf("want a mapping, got %s", describe(v))
	}
	fm.Params = m
	return ""
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("%q", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	default:
		return fmt.Sprintf("%v", x)
	}
}
