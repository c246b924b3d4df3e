package webui

import (
	"html/template"
	"net/http"
	"strings"
)

// Example is a ready-made Gizmo query for the UI.
type Example struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// View is the UI view the query is meant for: "visualize" or "query".
	View  string `json:"view"`
	Query string `json:"query"`
}

// prelude is the helpers every example begins with. Each example carries
// its own copy so that it runs on its own when pasted anywhere.
//
// The UI asks for JSON-LD, where a node comes back as {"@id": "..."}, while
// plain JSON gives "<...>"; ref accepts both, so the queries run in the UI
// and with curl alike. Visualize draws the "@id" of the source and target
// of each result, so the examples emit names there instead of IRIs.
const prelude = `var T = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
function s(x) { return "<http://schema.org/" + x + ">"; }
function kg(x) { return "<https://kg.example.org/vocab#" + x + ">"; }
// A node as Gizmo takes it: "<iri>" from JSON, {"@id": iri} from JSON-LD.
function ref(v) {
  if (typeof v === "string") return v;
  if (v && v["@id"]) return v["@id"].indexOf("_:") === 0 ? v["@id"] : "<" + v["@id"] + ">";
  return null; // a literal
}
// A node's label: its schema:name, else its IRI.
function label(id) {
  var n = g.V(id).Out(s("name")).ToValue();
  return n === null ? id : n;
}
var drawn = {};
// edge emits one link for Visualize, once.
function edge(a, b) {
  var from = label(a), to = label(b), key = from + "\n" + to;
  if (drawn[key]) return;
  drawn[key] = true;
  g.Emit({source: {"@id": from}, target: {"@id": to}});
}
`

// Examples are the ready-made queries: GET /api/examples lists them and
// /explore opens them in the UI.
var Examples = []Example{
	{
		ID:          "neighbourhood",
		Title:       "An entity's neighbourhood",
		Description: "Everything one entity points to and everything that points to it, without the provenance nodes (sentences and sources). Change NAME to look around another entity.",
		View:        "visualize",
		Query: prelude + `var NAME = "Shanghai Cooperation Organisation";
// Entities only: a node with a type that is not provenance.
function entity(id) {
  if (id === null) return false;
  var types = g.V(id).Out(T).ToArray().map(ref);
  return types.length > 0 && types.indexOf(kg("Sentence")) < 0 && types.indexOf(kg("Source")) < 0;
}
g.V().Has(s("name"), NAME).ForEach(function (c) {
  var id = ref(c.id);
  g.V(id).Out().ForEach(function (o) { if (entity(ref(o.id))) edge(id, ref(o.id)); });
  g.V(id).In().ForEach(function (i) { if (entity(ref(i.id))) edge(ref(i.id), id); });
});
`,
	},
	{
		ID:          "who-met-whom",
		Title:       "Who met whom",
		Description: "People who attended the same event, linked to each other and to the event.",
		View:        "visualize",
		Query: prelude + `g.V().Has(T, s("Event")).ForEach(function (e) {
  var ev = ref(e.id);
  var people = g.V(ev).Out(s("attendee")).Has(T, s("Person")).ToArray().map(ref);
  if (people.length < 2) return;
  for (var i = 0; i < people.length; i++) {
    edge(people[i], ev);
    for (var j = i + 1; j < people.length; j++) edge(people[i], people[j]);
  }
});
`,
	},
	{
		ID:          "agreements",
		Title:       "Agreements and their parties",
		Description: "Each agreement with its parties and signing place, and the plans that implement it.",
		View:        "visualize",
		Query: prelude + `g.V().Has(T, kg("Agreement")).ForEach(function (a) {
  var ag = ref(a.id);
  g.V(ag).Out([kg("party"), kg("signingPlace")]).ForEach(function (p) { edge(ag, ref(p.id)); });
  g.V(ag).In(kg("implements")).ForEach(function (p) { edge(ref(p.id), ag); });
});
`,
	},
	{
		ID:          "events",
		Title:       "Events and their parts",
		Description: "Each event with the event it is part of, its attendees, organisers and place.",
		View:        "visualize",
		Query: prelude + `g.V().Has(T, s("Event")).ForEach(function (e) {
  var ev = ref(e.id);
  g.V(ev).Out([s("superEvent"), s("attendee"), s("organizer"), s("location")]).ForEach(function (o) {
    edge(ev, ref(o.id));
  });
});
`,
	},
}

// ExamplesHandler answers GET /api/examples with the examples.
func (u *UI) ExamplesHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"examples": Examples})
	})
}

// exploreSource is the landing page. The UI opens with the query it finds
// under localStorage["LAST_QUERY"] (its editor's memory of the last query),
// so the page stores the chosen example there and opens the UI on the
// view the example is for (the rewritten bundle reads the view from the
// URL's fragment).
const exploreSource = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>kg: explore the graph</title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica Neue,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#222}
li{margin:1rem 0}button{font:inherit;padding:.3rem .8rem;cursor:pointer}
details pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:.8rem}
p.note{color:#555}
</style></head>
<body>
<h1>Explore the graph</h1>
<p>Each button opens Cayley's web UI with the query in its editor. Press <b>Run</b> there to draw it.</p>
<ul>
{{range .Examples}}<li><button type="button" data-example="{{.ID}}">{{.Title}}</button>
 <span>{{.Description}}</span>
 <details><summary>query</summary><pre>{{.Query}}</pre></details></li>
{{end}}</ul>
<p class="note">Or open the <a href="{{.Base}}/">UI</a> as it is. <code>{{.Base}}/explore?example=ID</code> opens an example directly.</p>
<script>
var examples = {{.Examples}};
var base = {{.Base}};
function open(id) {
  for (var i = 0; i < examples.length; i++) {
    if (examples[i].id !== id) continue;
    localStorage.setItem("LAST_QUERY", JSON.stringify({text: examples[i].query, language: "gizmo"}));
    window.location.assign(base + "/#" + examples[i].view);
    return true;
  }
  return false;
}
document.querySelectorAll("button[data-example]").forEach(function (b) {
  b.addEventListener("click", function () { open(b.getAttribute("data-example")); });
});
var want = new URLSearchParams(window.location.search).get("example");
if (want && !open(want)) document.body.insertAdjacentHTML("afterbegin", "<p><b>No example named " + want.replace(/[<>&"]/g, "") + ".</b></p>");
</script>
</body></html>
`

var exploreTemplate = template.Must(template.New("explore").Parse(exploreSource))

// ExploreHandler answers GET /explore with the landing page.
func (u *UI) ExploreHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		if err := exploreTemplate.Execute(&b, map[string]any{"Examples": Examples, "Base": u.base}); err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		w.Write([]byte(b.String()))
	})
}
