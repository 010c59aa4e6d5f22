package generator

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// FrontMatter is the validated metadata at the top of a page.
type FrontMatter struct {
	Title       string
	Description string
	Weight      int
	Draft       bool
	Slug        string
	Aliases     []string
	Date        time.Time
	Lastmod     time.Time
	Layout      string
	Summary     string
	Params      map[string]any
	// none says the page has no front matter: its title and description
	// come from its first # heading and first paragraph.
	none bool
	// lines maps each key given to its file line, for messages about
	// problems found after the front matter was read.
	lines map[string]int
}

// Line returns the file line of a front matter key, or 0.
func (fm *FrontMatter) line(key string) int { return fm.lines[key] }

// field is one top-level front matter key with the line it sits on.
type field struct {
	key   string
	line  int
	value any
}

// splitFrontMatter separates a page into front matter fields and body.
// bodyLine is the file line on which the body starts. A page without
// front matter has no fields and starts on line 1. Problems carry file
// lines but no path.
func splitFrontMatter(src []byte) (fields []field, body []byte, bodyLine int, probs []Problem) {
	meta, delim, body, bodyLine, probs := cutFrontMatter(src)
	if len(probs) > 0 {
		return nil, body, bodyLine, probs
	}
	fields, probs = parseFields(meta, delim)
	return fields, body, bodyLine, probs
}

// cutFrontMatter finds the front matter block and the body after it.
func cutFrontMatter(src []byte) (meta []byte, delim string, body []byte, bodyLine int, probs []Problem) {
	delim, ok := openingDelimiter(src)
	if !ok {
		return nil, "", src, 1, nil // no front matter: the body says what it is
	}
	rest := src[len(firstLine(src)):]
	end, closeLen := findClosing(rest, delim)
	if end < 0 {
		return nil, "", nil, 0, []Problem{{Line: 1, Msg: "front matter opened with " + delim + " is never closed"}}
	}
	meta = rest[:end]
	body = rest[end+closeLen:]
	bodyLine = 2 + bytes.Count(meta, []byte("\n")) + 1
	if len(bytes.TrimSpace(meta)) == 0 {
		return nil, "", body, bodyLine, []Problem{{Line: 1, Msg: "empty front matter: title and description are required"}}
	}
	return meta, delim, body, bodyLine, nil
}

// parseFields reads the keys of a YAML or TOML front matter block.
func parseFields(meta []byte, delim string) ([]field, []Problem) {
	if delim == "---" {
		return yamlFields(meta)
	}
	return tomlFields(meta)
}

func firstLine(src []byte) []byte {
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		return src[:i+1]
	}
	return src
}

func openingDelimiter(src []byte) (string, bool) {
	line := strings.TrimRight(string(firstLine(src)), " \t\r\n")
	if line == "---" || line == "+++" {
		return line, true
	}
	return "", false
}

// findClosing returns the offset of the closing delimiter line in rest and
// the length of that line, or -1.
func findClosing(rest []byte, delim string) (int, int) {
	off := 0
	for off < len(rest) {
		line := firstLine(rest[off:])
		if strings.TrimRight(string(line), " \t\r\n") == delim {
			return off, len(line)
		}
		off += len(line)
	}
	return -1, 0
}

func yamlFields(meta []byte) ([]field, []Problem) {
	var doc yaml.Node
	if err := yaml.Unmarshal(meta, &doc); err != nil {
		return nil, []Problem{yamlProblem(err)}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []Problem{{Line: root.Line + 1, Msg: "front matter must be a mapping of keys to values"}}
	}
	var fields []field
	var probs []Problem
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var value any
		if err := v.Decode(&value); err != nil {
			probs = append(probs, Problem{Line: v.Line + 1, Msg: "invalid value for " + k.Value + ": " + err.Error()})
			continue
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			value = v.Value // keep quoted or unusual scalars as written
		}
		fields = append(fields, field{key: k.Value, line: k.Line + 1, value: value})
	}
	return fields, probs
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func yamlProblem(err error) Problem {
	msg := err.Error()
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return Problem{Line: 1, Msg: "invalid YAML front matter: " + msg}
	}
	line := 1
	if m[1] != "" {
		fmt.Sscan(m[1], &line)
		line++
	}
	return Problem{Line: line, Msg: "invalid YAML front matter: " + m[2]}
}

func tomlFields(meta []byte) ([]field, []Problem) {
	var values map[string]any
	md, err := toml.Decode(string(meta), &values)
	if err != nil {
		line := 1
		if perr, ok := err.(toml.ParseError); ok {
			line = perr.Position.Line + 1
			return nil, []Problem{{Line: line, Msg: "invalid TOML front matter: " + perr.Message}}
		}
		return nil, []Problem{{Line: line, Msg: "invalid TOML front matter: " + err.Error()}}
	}
	var fields []field
	for _, key := range md.Keys() {
		if len(key) != 1 {
			continue
		}
		fields = append(fields, field{key: key[0], line: tomlKeyLine(meta, key[0]), value: values[key[0]]})
	}
	return fields, nil
}

// tomlKeyLine finds the file line of a top-level TOML key (the TOML decoder
// does not report key positions).
func tomlKeyLine(meta []byte, key string) int {
	for i, line := range strings.Split(string(meta), "\n") {
		t := strings.TrimSpace(line)
		if t == "["+key+"]" || strings.HasPrefix(t, key+" ") || strings.HasPrefix(t, key+"=") {
			return i + 2
		}
	}
	return 1
}
