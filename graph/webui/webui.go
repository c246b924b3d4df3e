// Package webui serves Cayley's web UI so that it works wherever kg runs:
// on any host and port, under a path prefix, and with no request leaving
// the machine. It also answers the UI's Query Shape view
// (POST /api/v1/shape/gizmo), serves ready-made example queries
// (GET /api/examples) and a landing page that opens the UI with one of
// them (GET /explore).
//
// The UI is the build shipped inside the Cayley module (ui.FS). That build
// has its API address, its editor (Monaco, from a CDN) and its icon font
// (from Google Fonts) fixed at build time, so this package rewrites a few
// strings of the bundle when the server starts and serves the editor and
// the font from the vendor folder, which holds pinned npm packages
// (see vendor/README.md).
package webui

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/ui"

	"github.com/kgraph/kg/graph"
)

// vendorFS holds the editor and the icon font with their licences;
// vendor/update.sh writes them.
//
//go:embed vendor/monaco-editor vendor/material-icons
var vendorFS embed.FS

// The strings of the stock bundle that are rewritten. They are looked for
// in every file of the bundle rather than in files of known names, so that
// another build of the same UI (other chunk hashes) still works; New fails
// if one is missing, so that a changed bundle is noticed at start-up and in
// the tests rather than by a user.
const (
	// stockServerURL is SERVER_URL, baked into main.*.chunk.js.
	stockServerURL = `"http://localhost:64210"`
	// stockMonaco is where @monaco-editor/react loads Monaco from.
	stockMonaco = "https://cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs"
	// stockIcons is the icon font's stylesheet, imported by main.*.chunk.css.
	stockIcons = "https://fonts.googleapis.com/icon?family=Material+Icons"
	// stockGizmoTypes is where the editor fetches the Gizmo type
	// definitions; absolute, so it misses a path prefix.
	stockGizmoTypes = `"/gizmo.d.ts"`
	// stockView is the view the UI opens with.
	stockView = `useState)("query")`
)

// Where the vendored files are served, under the base path.
const (
	monacoPath = "/vendor/monaco-editor/min/vs"
	iconsPath  = "/vendor/material-icons/filled.css"
)

// shapeThen matches the Query Shape view's handling of the shape answer:
// `.then(setShape)},[serverURL])`. The stock view throws the answer's
// error into nowhere and leaves the pane blank; the rewrite shows it.
var shapeThen = regexp.MustCompile(`\.then\(([A-Za-z_$][\w$]*)\)\},\[([A-Za-z_$][\w$]*)\]\)`)

// shapePane matches the Query Shape view's answer pane,
// `React.createElement(JSONView,{value:shape})`, just after its editor.
var shapePane = regexp.MustCompile(`createElement\([\w$]+,\{onRun:[\w$]+\}\),(([\w$]+\.a)\.createElement\(([\w$]+),\{value:([\w$]+)\}\))\)`)

// graphView matches Visualize's use of the force-drawn graph component,
// `createElement(Graph,{data:toGraph(x.result),nodeComponent:N,linkComponent:L})`,
// to draw the shapes with it too.
var graphView = regexp.MustCompile(`createElement\(([\w$]+),\{data:[\w$]+\([\w$]+\.result\),nodeComponent:[\w$]+,linkComponent:[\w$]+\}\)`)

// shapeScript turns a shape answer into the {nodes, links} of ids that
// the UI's graph component draws (the same component Visualize uses),
// labelling nodes with their tags and values and links with their
// predicates. The rewritten Query Shape view calls it.
const shapeScript = `<script>(function () {
  var memo = new WeakMap(), comps = {};
  var prefixes = [["http://schema.org/", "schema:"], ["http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"],
    ["http://www.w3.org/2000/01/rdf-schema#", "rdfs:"], ["https://kg.example.org/vocab#", "kg:"]];
  // short writes a well-known IRI with its prefix, as docs/vocabulary.md does.
  function short(v) {
    for (var i = 0; i < prefixes.length; i++) {
      var p = "<" + prefixes[i][0];
      if (v.indexOf(p) === 0 && v.charAt(v.length - 1) === ">") return prefixes[i][1] + v.slice(p.length, -1);
    }
    return v;
  }
  function label(n) {
    var parts = (n.tags || []).map(function (t) { return "?" + t; }).concat((n.values || []).map(short));
    return parts.length ? parts.join(", ") : "(any node)";
  }
  window.kgShapeGraph = function (s) {
    if (memo.has(s)) return memo.get(s);
    var preds = {}, nodes = [], links = [];
    s.nodes.forEach(function (n) { if (n.is_link_node) preds[n.id] = n; });
    s.nodes.forEach(function (n) {
      if (!n.is_link_node) nodes.push({id: n.id, label: label(n), fixed: n.is_fixed});
    });
    s.links.forEach(function (l) {
      var p = preds[l.link_node];
      links.push({source: l.source, target: l.target, label: p ? (p.values || []).map(short).concat((p.tags || []).map(function (t) { return "?" + t; })).join(", ") : ""});
    });
    var g = {nodes: nodes, links: links};
    memo.set(s, g);
    return g;
  };
  window.kgShapeNode = function (R) {
    return comps.n || (comps.n = function (p) {
      var n = p.node;
      return R.createElement("g", null,
        R.createElement("circle", {r: 7, fill: n.fixed ? "#ffb703" : "#21D4FD"}),
        R.createElement("text", {textAnchor: "middle", dy: -11, fontSize: 13}, n.label));
    });
  };
  window.kgShapeLink = function (R) {
    return comps.l || (comps.l = function (p) {
      var l = p.link, a = l.source, b = l.target;
      return R.createElement("g", null,
        R.createElement("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#999", strokeWidth: 2}),
        R.createElement("circle", {cx: a.x + (b.x - a.x) * 0.85, cy: a.y + (b.y - a.y) * 0.85, r: 3, fill: "#999"}),
        R.createElement("text", {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4, textAnchor: "middle", fontSize: 11, fill: "#555"}, l.label));
    });
  };
})();</script>`

// sourceMap matches the source-map comment of a bundle file: the maps
// describe the stock files, not the rewritten ones.
var sourceMap = regexp.MustCompile(`\n?/[/*]# sourceMappingURL=[^\n]*`)

// Options configure the UI.
type Options struct {
	// BasePath is the path prefix the server is mounted under, such as
	// "/kg"; empty for the root. It has no trailing slash.
	BasePath string
}

// UI serves the web UI and its helpers for one store.
type UI struct {
	store   *graph.Store
	base    string
	web     fs.FS
	patched map[string][]byte // rewritten bundle files by path, "/index.html" included
	started time.Time
}

// New prepares the UI: it reads the bundle from the Cayley module and
// rewrites it for opt.BasePath.
func New(store *graph.Store, opt Options) (*UI, error) {
	base, err := CleanBasePath(opt.BasePath)
	if err != nil {
		return nil, err
	}
	web, err := fs.Sub(ui.FS, "web")
	if err != nil {
		return nil, fmt.Errorf("cayley web UI: %w", err)
	}
	u := &UI{store: store, base: base, web: web, patched: map[string][]byte{}, started: time.Now()}
	if err := u.patch(); err != nil {
		return nil, fmt.Errorf("cayley web UI: %w", err)
	}
	return u, nil
}

// CleanBasePath checks a path prefix and returns it in the form the
// server uses: "" for the root, else "/a/b" without a trailing slash.
func CleanBasePath(p string) (string, error) {
	if p == "" || p == "/" {
		return "", nil
	}
	if !strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("base path %q: it must begin with /", p)
	}
	c := path.Clean(p)
	if strings.ContainsAny(c, "?#\"'\\<> ") || strings.Contains(c, "..") {
		return "", fmt.Errorf("base path %q: only plain path segments are allowed", p)
	}
	return strings.TrimSuffix(c, "/"), nil
}

// patch rewrites the bundle files that need it.
func (u *UI) patch() error {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	// The page's own origin, found when the page runs, so that any host
	// name or port the browser used works; the base path is known here.
	serverURL := "(window.location.origin+" + q(u.base) + ")"
	found := map[string]bool{}
	err := fs.WalkDir(u.web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := path.Ext(p)
		if ext != ".js" && ext != ".css" && ext != ".html" {
			return nil
		}
		b, err := fs.ReadFile(u.web, p)
		if err != nil {
			return err
		}
		orig := b
		switch ext {
		case ".html":
			if p != "index.html" {
				return nil
			}
			// Absolute asset links and webpack's public path miss the prefix.
			b = bytes.ReplaceAll(b, []byte(`href="/`), []byte(`href="`+u.base+`/`))
			b = bytes.ReplaceAll(b, []byte(`src="/`), []byte(`src="`+u.base+`/`))
			b = bytes.ReplaceAll(b, []byte(`.p="/"`), []byte(`.p="`+u.base+`/"`))
			b = bytes.Replace(b, []byte(`</head>`), []byte(shapeScript+`</head>`), 1)
		case ".js":
			if bytes.Contains(b, []byte(stockServerURL)) {
				found["server"] = true
				b = bytes.ReplaceAll(b, []byte(stockServerURL), []byte(serverURL))
			}
			if bytes.Contains(b, []byte(stockMonaco)) {
				found["monaco"] = true
				// Both the loader URL and the base of the AMD paths begin with
				// stockMonaco; they are object values in the bundle, so an
				// expression can stand in for the literal.
				b = regexp.MustCompile(`"`+regexp.QuoteMeta(stockMonaco)+`([^"]*)"`).
					ReplaceAll(b, []byte(`(window.location.origin+`+q(u.base+monacoPath)+`+"$1")`))
			}
			if bytes.Contains(b, []byte(stockGizmoTypes)) {
				found["gizmo.d.ts"] = true
				b = bytes.ReplaceAll(b, []byte(stockGizmoTypes), []byte(q(u.base+"/gizmo.d.ts")))
			}
			if bytes.Contains(b, []byte(stockView)) {
				found["view"] = true
				// Let /#visualize (or #queryShape, #write) open that view;
				// /explore uses it.
				b = bytes.ReplaceAll(b, []byte(stockView),
					[]byte(`useState)(["query","queryShape","visualize","write"].indexOf(window.location.hash.slice(1))>=0?window.location.hash.slice(1):"query")`))
			}
			if i := bytes.Index(b, []byte("/api/v1/shape/")); i >= 0 {
				loc := shapeThen.FindSubmatchIndex(b[i:])
				if loc != nil {
					found["shape"] = true
					set := string(b[i+loc[2] : i+loc[3]])
					rest := b[i+loc[1]:]
					repl := `.then(` + set + `,function(e){` + set + `({error:String(e&&e.message||e)})})},[` + string(b[i+loc[4]:i+loc[5]]) + `])`
					b = append(append(append([]byte{}, b[:i+loc[0]]...), repl...), rest...)
				}
				// Draw the shape as a graph, as Visualize draws results;
				// an answer with no nodes (an error) stays printed as JSON.
				if g := graphView.FindSubmatch(b); g != nil {
					if loc := shapePane.FindSubmatchIndex(b[i:]); loc != nil {
						found["shape view"] = true
						pane := string(b[i+loc[2] : i+loc[3]])
						react := string(b[i+loc[4] : i+loc[5]])
						val := string(b[i+loc[8] : i+loc[9]])
						repl := `(` + val + `&&` + val + `.nodes?` + react + `.createElement(` + string(g[1]) + `,{data:window.kgShapeGraph(` + val + `),nodeComponent:window.kgShapeNode(` + react + `),linkComponent:window.kgShapeLink(` + react + `)}):` + pane + `)`
						b = append(append(append([]byte{}, b[:i+loc[2]]...), repl...), b[i+loc[3]:]...)
					}
				}
			}
		case ".css":
			if bytes.Contains(b, []byte(stockIcons)) {
				found["icons"] = true
				b = bytes.ReplaceAll(b, []byte(stockIcons), []byte(u.base+iconsPath))
			}
		}
		if !bytes.Equal(b, orig) {
			u.patched["/"+p] = sourceMap.ReplaceAll(b, nil)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range []string{"server", "monaco", "icons", "gizmo.d.ts", "view", "shape", "shape view"} {
		if !found[k] {
			return fmt.Errorf("the bundle has changed: no %s string to rewrite", k)
		}
	}
	if _, ok := u.patched["/index.html"]; !ok && u.base != "" {
		return errors.New("the bundle has no index.html")
	}
	return nil
}

// ServeHTTP serves the UI's files: the rewritten bundle, the rest of the
// stock bundle and the vendored editor and font. Paths are relative to
// the base path (the server strips it).
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("%s %s: the web UI is read with GET", r.Method, r.URL.Path))
		return
	}
	p := r.URL.Path
	if p == "/" {
		p = "/index.html"
	}
	if strings.HasPrefix(p, "/vendor/") {
		u.serveVendor(w, r, p)
		return
	}
	if strings.HasSuffix(p, ".map") {
		// The source maps describe the stock files; the rewritten ones
		// have theirs removed, and the rest are not worth a download.
		http.NotFound(w, r)
		return
	}
	if b, ok := u.patched[p]; ok {
		if p == "/index.html" {
			// The page names the hashed chunks; never keep an old one.
			w.Header().Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, p, u.started, bytes.NewReader(b))
		return
	}
	http.FileServerFS(u.web).ServeHTTP(w, r)
}

// serveVendor serves a file of the vendor folder. Large files are kept
// gzipped there (NAME.gz) to keep the repository small; they are sent
// as they are to browsers that accept gzip and unpacked for the rest.
func (u *UI) serveVendor(w http.ResponseWriter, r *http.Request, p string) {
	name := strings.TrimPrefix(p, "/")
	if !fs.ValidPath(name) || strings.HasSuffix(name, "/") {
		http.NotFound(w, r)
		return
	}
	if b, err := fs.ReadFile(vendorFS, name); err == nil {
		http.ServeContent(w, r, name, u.started, bytes.NewReader(b))
		return
	}
	gz, err := fs.ReadFile(vendorFS, name+".gz")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	serveGzip(w, r, name, gz)
}

// writeError writes {"error": err} with the status code, as the rest of
// the API does.
func writeError(w http.ResponseWriter, code int, err error) {
	writeJSON(w, code, map[string]string{"error": err.Error()})
}

// writeJSON writes v as an indented JSON answer.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
