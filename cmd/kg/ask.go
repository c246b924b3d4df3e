package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/queries"
)

func init() {
	register(command{
		name:    "ask",
		summary: "run a named query (entity, events, path, ...) and print its JSON answer or a table",
		run:     runAsk,
	})
}

func runAsk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("ask", "[flags] NAME [key=value ...]  (NAME one of "+strings.Join(queries.Names(), ", ")+")", stderr)
	sf.register(fs)
	table := fs.Bool("table", false, "print a table instead of JSON")
	timeout := fs.Duration("timeout", server.DefaultQueryTimeout, "longest the query may run")
	// Flags may come before the query name, after it or between its
	// parameters: parse, take one positional argument, parse on.
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) == 0 {
		fs.Usage()
		return errUsage
	}
	name := pos[0]
	if _, ok := queries.Lookup(name); !ok {
		return &queries.UnknownQueryError{Name: name}
	}
	params := map[string]string{}
	for _, kv := range pos[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return fmt.Errorf("parameter %q: write it as key=value", kv)
		}
		if _, dup := params[k]; dup {
			return fmt.Errorf("parameter %q given more than once", k)
		}
		params[k] = v
	}

	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Size(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		// A memory store starts empty at every run: give it the bundled
		// seeds, reporting on stderr so that stdout stays the answer.
		if err := buildSeeds(ctx, st, sf.minter(), stderr); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	st.RLock()
	ans, err := queries.New(st).Run(ctx, name, params)
	st.RUnlock()
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("query %s ran out of time after %v: narrow it, lower limit or raise --timeout", name, *timeout)
		}
		return err
	}
	if *table {
		q, _ := queries.Lookup(name)
		return printTable(stdout, q.Columns(), ans)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ans); err != nil {
		return fmt.Errorf("write answer: %w", err)
	}
	return nil
}

// printTable prints an answer's results one a row, with the columns given.
func printTable(w io.Writer, columns []string, ans *queries.Answer) error {
	// Through JSON, so that the table shows what the JSON answer shows.
	b, err := json.Marshal(ans.Results)
	if err != nil {
		return fmt.Errorf("write answer: %w", err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		return fmt.Errorf("write answer: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(columns, "\t")))
	for _, r := range rows {
		cells := make([]string, len(columns))
		for i, c := range columns {
			cells[i] = cell(r[c])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write answer: %w", err)
	}
	fmt.Fprintf(w, "(%d results)\n", len(rows))
	return nil
}

// cell renders one value of a result: a node by its name, a list joined
// with "; ", a path's hops as a chain, nothing for null.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case string:
		return oneLine(shortIRI(x))
	case map[string]any:
		if n, ok := x["name"].(string); ok {
			return oneLine(n)
		}
		if s, ok := x["subject"]; ok {
			return cell(s) + " -" + shortIRI(cell(x["predicate"])) + "-> " + cell(x["object"])
		}
		b, _ := json.Marshal(x)
		return string(b)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		if len(parts) > 0 {
			if m, ok := x[0].(map[string]any); ok && m["subject"] != nil {
				return strings.Join(parts, " | ") // a path's hops
			}
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}

// shortIRI keeps the last segment of a predicate IRI for a narrow table.
func shortIRI(s string) string {
	if i := strings.LastIndexAny(s, "#/"); i >= 0 && strings.Contains(s, "://") {
		return s[i+1:]
	}
	return s
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
