// Command codestats prints size figures for the Go packages under the
// given directories: non-test lines per package, the median, 90th
// percentile and longest function (in lines, declaration to closing
// brace) and the five functions of highest cyclomatic complexity
// (1 + each if, for, range, case, comm clause, && and ||, as gocyclo
// counts). Usage: go run ./.ci/codestats DIR...
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type fn struct {
	name  string
	lines int
	cyclo int
}

func main() {
	lines := map[string]int{}
	var fns []fn
	fset := token.NewFileSet()
	for _, root := range os.Args[1:] {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "testdata") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			lines[filepath.Dir(p)] += fset.File(f.Pos()).LineCount()
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				name := fd.Name.Name
				if fd.Recv != nil && len(fd.Recv.List) > 0 {
					name = recv(fd.Recv.List[0].Type) + "." + name
				}
				fns = append(fns, fn{
					name:  filepath.Dir(p) + " " + name,
					lines: fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1,
					cyclo: complexity(fd),
				})
			}
			return nil
		})
	}
	pkgs := make([]string, 0, len(lines))
	for p := range lines {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	fmt.Println("lines per package (non-test .go files):")
	for _, p := range pkgs {
		fmt.Printf("  %6d %s\n", lines[p], p)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].lines < fns[j].lines })
	if len(fns) == 0 {
		return
	}
	fmt.Printf("functions: %d; length median %d, p90 %d, max %d (%s)\n", len(fns),
		fns[len(fns)/2].lines, fns[len(fns)*9/10].lines, fns[len(fns)-1].lines, fns[len(fns)-1].name)
	sort.SliceStable(fns, func(i, j int) bool { return fns[i].cyclo > fns[j].cyclo })
	fmt.Println("cyclomatic complexity, top 5:")
	for _, f := range fns[:min(5, len(fns))] {
		fmt.Printf("  %3d %s\n", f.cyclo, f.name)
	}
}

func recv(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "(*" + recv(t.X) + ")"
	case *ast.IndexExpr:
		return recv(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

func complexity(fd *ast.FuncDecl) int {
	c := 1
	ast.Inspect(fd, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}
