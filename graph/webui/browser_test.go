package webui_test

// End-to-end tests of the web UI in a real headless Chromium (Debian's
// chromium package), driven with chromedp, against a real kg server on a
// random loopback port under the base path /kg.
//
// Every request the browser makes is checked twice: the page's network
// events must name only the test server, and Chromium is pointed at a
// proxy that refuses and records anything bound elsewhere (loopback
// bypasses it), which also covers requests from web workers.
//
// KG_UI_SCREENSHOTS=DIR saves the screenshots there (docs/ uses it);
// otherwise they go to the test's temporary directory.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kgraph/kg/graph/server"
)

// browserTimeout bounds each browser test as a whole.
const browserTimeout = 60 * time.Second

// chromium finds Debian's Chromium, or skips the test outside CI.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH; CI must install it (apt-get install chromium), as .ci/run does")
	}
	t.Skip("skipping the browser test: no Chromium on PATH (apt-get install chromium); with CI=true this fails instead")
	return ""
}

// session is one browser on one test server.
type session struct {
	t    *testing.T
	ctx  context.Context
	base string // http://127.0.0.1:PORT/kg

	mu        sync.Mutex
	requests  []string          // URLs the page asked for
	responses map[string]int    // status by URL
	outside   []string          // what reached the refusing proxy
	served    map[string]int    // server-side: status by path
	notFound  map[string]string // server-side 404s
}

// newSession starts a server on a random loopback port and a browser.
func newSession(t *testing.T, cfg server.Config) *session {
	t.Helper()
	exe := chromium(t)
	s := &session{t: t, responses: map[string]int{}, served: map[string]int{}, notFound: map[string]string{}}

	ts, _ := start(t, cfg)
	// Note what the server answered, to catch assets the UI asks for and
	// the vendor folder lacks.
	inner := ts.Config.Handler
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, code: 200}
		inner.ServeHTTP(rec, r)
		s.mu.Lock()
		s.served[r.URL.Path] = rec.code
		if rec.code == http.StatusNotFound {
			s.notFound[r.URL.Path] = r.Referer()
		}
		s.mu.Unlock()
	})
	s.base = ts.URL + cfg.BasePath

	// The refusing proxy: nothing may leave the machine.
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proxy := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.outside = append(s.outside, r.Method+" "+r.Host+r.URL.Path)
		s.mu.Unlock()
		http.Error(w, "refused by the test: no request may leave the machine", http.StatusForbidden)
	})}
	go proxy.Serve(pl)
	t.Cleanup(func() { proxy.Close() })

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Chromium's own services (sign-in, autofill, time, optimisation
		// hints, component updates) would call Google at start; they are
		// not the UI's requests, and the refusing proxy must see none.
		chromedp.Flag("disable-features", "Translate,OptimizationHints,OptimizationGuideModelDownloading,OptimizationHintsFetching,AutofillServerCommunication,NetworkTimeServiceQuerying,MediaRouter,CertificateTransparencyComponentUpdater,SafeBrowsing,AccountConsistency,DialMediaRouteProvider"),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-component-extensions-with-background-pages", true),
		chromedp.Flag("allow-browser-signin", "false"),
		chromedp.Flag("proxy-server", "http://"+pl.Addr().String()),
		chromedp.WindowSize(1280, 860),
	)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(bcancel)
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	err = chromedp.Listen(bctx, func(ev any) {
		// Runs in the tab's reading loop: only note the event.
		s.mu.Lock()
		defer s.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			s.requests = append(s.requests, ev.Request.URL)
		case *network.EventResponseReceived:
			s.responses[ev.Response.URL] = int(ev.Response.Status)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	s.ctx = bctx
	t.Cleanup(s.checkRequests)
	return s
}

// chromiumOwn reports whether a request the proxy refused is one of the
// browser's own service calls (component updates, Google sign-in), which
// Debian's Chromium makes at start even with --disable-component-update
// and --disable-sync. The UI never calls these hosts: its only outside
// hosts were cdn.jsdelivr.net and fonts.googleapis.com.
func chromiumOwn(req string) bool {
	_, hostPath, _ := strings.Cut(req, " ")
	host, _, _ := strings.Cut(hostPath, "/")
	host, _, _ = strings.Cut(host, ":")
	switch host {
	case "update.googleapis.com", "accounts.google.com", "clients2.google.com",
		"content-autofill.googleapis.com", "optimizationguide-pa.googleapis.com":
		return true
	}
	return false
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.code = code
	r.ResponseWriter.WriteHeader(code)
}

// checkRequests fails the test if the browser asked anything of another
// host, or if the UI asked for an asset the server lacks.
func (s *session) checkRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	bu, err := url.Parse(s.base)
	if err != nil {
		s.t.Fatal(err)
	}
	origin := bu.Scheme + "://" + bu.Host
	var foreign []string
	for _, u := range s.requests {
		if strings.HasPrefix(u, origin+"/") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		foreign = append(foreign, u)
	}
	if len(foreign) > 0 {
		s.t.Errorf("the page made requests to hosts other than %s: %q", origin, foreign)
	}
	var leaked []string
	for _, r := range s.outside {
		if chromiumOwn(r) {
			// Chromium's own service calls, made by the browser whatever
			// page it shows; the flags above silence most of them.
			s.t.Logf("refused Chromium's own request: %s", r)
			continue
		}
		leaked = append(leaked, r)
	}
	if len(leaked) > 0 {
		s.t.Errorf("requests reached the outside-world proxy: %q", leaked)
	}
	if len(s.requests) == 0 {
		s.t.Error("no requests seen: the network listener is not working")
	}
	for p, ref := range s.notFound {
		if strings.HasPrefix(p, "/kg/vendor/") || strings.HasPrefix(p, "/kg/static/") {
			s.t.Errorf("the UI asked for %s (from %s), which the server lacks", p, ref)
		}
	}
}

// run runs chromedp actions in the session.
func (s *session) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// eval evaluates JavaScript in the page.
func eval[T any](s *session, js string, opts ...chromedp.EvaluateOption) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		s.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// evaluate runs JavaScript for its effect.
func evaluate(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](js)(ctx, t)
		return err
	})
}

// poll waits until a JavaScript expression is true.
func poll(js string, timeout time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](js, chromedp.WithPollingTimeout(timeout))(ctx, t)
		return err
	})
}

// openUI opens the UI on a view with a query in the editor, the way
// /explore does (through the UI's memory of the last query).
func (s *session) openUI(view, query string) {
	s.t.Helper()
	last, _ := json.Marshal(map[string]string{"text": query, "language": "gizmo"})
	s.run(
		chromedp.Navigate(s.base+"/explore"),
		evaluate(fmt.Sprintf(`localStorage.setItem("LAST_QUERY", %s)`, jsString(string(last)))),
		chromedp.Navigate(s.base+"/#"+view),
	)
	s.waitEditor()
}

// waitEditor waits for Monaco to load from the vendor folder and show
// the query.
func (s *session) waitEditor() {
	s.t.Helper()
	s.run(
		chromedp.WaitVisible(chromedp.CSS(`.QueryEditor .monaco-editor .view-lines`)),
		poll(`!!(window.monaco && monaco.editor.getModels().length > 0)`, 20*time.Second),
	)
}

// clickRun presses the view's Run button.
func (s *session) clickRun() {
	s.t.Helper()
	s.run(chromedp.Click(chromedp.Search(`//button[.//text()[normalize-space()="Run"]]`)))
}

// text returns the visible text of the elements a selector matches.
func (s *session) text(sel string) string {
	s.t.Helper()
	return eval[string](s, fmt.Sprintf(`Array.from(document.querySelectorAll(%s)).map(e => e.textContent).join("\n").replace(/\u00a0/g, " ")`, jsString(sel)))
}

// waitText waits until the text of sel contains want.
func (s *session) waitText(sel, want string) string {
	s.t.Helper()
	js := fmt.Sprintf(`Array.from(document.querySelectorAll(%s)).map(e => e.textContent).join("\n").replace(/\u00a0/g, " ").includes(%s)`, jsString(sel), jsString(want))
	if err := chromedp.Do(s.ctx, poll(js, 20*time.Second)); err != nil {
		s.t.Fatalf("waiting for %q in %s: %v; it shows:\n%s", want, sel, err, s.text(sel))
	}
	return s.text(sel)
}

// screenshot saves the page as name (a PNG).
func (s *session) screenshot(name string) {
	s.t.Helper()
	dir := os.Getenv("KG_UI_SCREENSHOTS")
	if dir == "" {
		dir = s.t.TempDir()
	}
	s.run(chromedp.Sleep(300 * time.Millisecond))
	png, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s", p)
}

// resultsPane is the read-only editor that shows a view's answer: the
// second editor of the page.
const resultsPane = `main > :not(.QueryEditor) .monaco-editor .view-lines, main > .monaco-editor .view-lines, main section .monaco-editor .view-lines`

func TestBrowserQuery(t *testing.T) {
	s := newSession(t, server.Config{BasePath: "/kg"})
	s.openUI("query", "")
	// Type the query with the keyboard, as a user does. Monaco closes
	// brackets and quotes as they open and types over them as they close,
	// so the text comes out as typed.
	const query = `g.V().Has("<http://schema.org/jobTitle>").Out("<http://schema.org/name>").All()`
	s.run(
		chromedp.Click(chromedp.CSS(`.QueryEditor .monaco-editor .view-lines`)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.SendKeys(chromedp.CSS(`.QueryEditor .monaco-editor textarea`), query),
		chromedp.KeyEvent(kb.Escape), // close any suggestion box
	)
	typed := eval[string](s, `monaco.editor.getModels()[0].getValue()`)
	if typed != query {
		t.Fatalf("the editor holds %q after typing, want %q", typed, query)
	}
	s.clickRun()
	got := s.waitText(resultsPane, "Vladimir Norov")
	if !strings.Contains(got, "Yury Fedotov") {
		t.Errorf("results pane lacks Yury Fedotov:\n%s", got)
	}
	// The icon font loaded: the Run button's icon is drawn, not spelt out.
	if !eval[bool](s, `Array.from(document.fonts).some(f => f.family.includes("Material Icons") && f.status === "loaded")`) {
		t.Error("the Material Icons font did not load")
	}
	s.screenshot("ui-query.png")
}

func TestBrowserVisualize(t *testing.T) {
	s := newSession(t, server.Config{BasePath: "/kg"})
	// The landing page puts the example in the editor and opens Visualize.
	s.run(chromedp.Navigate(s.base + "/explore?example=events"))
	s.run(chromedp.WaitVisible(chromedp.CSS(`.QueryEditor .monaco-editor .view-lines`)))
	hash := eval[string](s, `window.location.hash`)
	if hash != "#visualize" {
		t.Fatalf("/explore opened %q, want #visualize", hash)
	}
	s.waitEditor()
	s.clickRun()
	s.waitText(`.graph svg`, "Vienna")
	nodes := eval[int](s, `document.querySelectorAll(".graph svg circle").length`)
	edges := eval[int](s, `document.querySelectorAll(".graph svg line").length`)
	if nodes < 8 || edges < 8 {
		t.Errorf("Visualize drew %d nodes and %d edges, want at least 8 of each", nodes, edges)
	}
	labels := s.text(`.graph svg g text`)
	for _, want := range []string{"Vladimir Norov", "Bishkek Summit", "SCO-UNODC meeting in Vienna, 10 July 2019"} {
		if !strings.Contains(labels, want) {
			t.Errorf("Visualize labels lack %q:\n%s", want, labels)
		}
	}
	if strings.Contains(labels, "https://") {
		t.Errorf("Visualize labels show IRIs:\n%s", labels)
	}
	// Let the force layout settle before the picture.
	s.run(chromedp.Sleep(2 * time.Second))
	s.screenshot("ui-visualize.png")
}

func TestBrowserQueryShape(t *testing.T) {
	s := newSession(t, server.Config{BasePath: "/kg"})
	s.openUI("queryShape", `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://schema.org/Person>").Tag("person").Out("<http://schema.org/worksFor>").Tag("organisation").All()`)
	s.clickRun()
	// The view draws the shape: the tagged nodes, the fixed type, and the
	// predicates on the links.
	labels := s.waitText(`.graph svg`, "?organisation")
	for _, want := range []string{"?person", "schema:Person", "schema:worksFor", "rdf:type"} {
		if !strings.Contains(labels, want) {
			t.Errorf("Query Shape drawing lacks %s:\n%s", want, labels)
		}
	}
	if n := eval[int](s, `document.querySelectorAll(".graph svg line").length`); n != 2 {
		t.Errorf("Query Shape drew %d links, want 2", n)
	}
	s.run(chromedp.Sleep(1500 * time.Millisecond)) // let the layout settle
	s.screenshot("ui-shape.png")

	// A query with no path: the view shows the server's error.
	s.run(evaluate(`monaco.editor.getModels()[0].setValue('g.Emit("no path here")')`))
	s.clickRun()
	got := s.waitText(resultsPane, `"error"`)
	if !strings.Contains(got, "walks no path") {
		t.Errorf("Query Shape error pane:\n%s", got)
	}
}

func TestBrowserWriteRefused(t *testing.T) {
	s := newSession(t, server.Config{BasePath: "/kg"})
	s.run(chromedp.Navigate(s.base + "/#write"))
	s.run(
		chromedp.WaitVisible(chromedp.CSS(`main .monaco-editor .view-lines`)),
		poll(`!!(window.monaco && monaco.editor.getModels().length > 0)`, 20*time.Second),
		evaluate(`monaco.editor.getModels()[0].setValue('<https://kg.example.org/id/x> <http://schema.org/name> "X" .')`),
	)
	s.clickRun()
	writeURL := s.base + "/api/v2/write"
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	for {
		s.mu.Lock()
		code, ok := s.responses[writeURL]
		s.mu.Unlock()
		if ok {
			if code != http.StatusForbidden {
				t.Errorf("the Write view's request got %d, want 403", code)
			}
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the Write view sent no write request; requests: %q", s.requests)
		case <-time.After(100 * time.Millisecond):
		}
	}
	// The graph is unchanged.
	body := eval[string](s, `fetch(`+jsString(s.base+"/api/v2/query?lang=gizmo")+`, {method: "POST", body: 'g.V("<https://kg.example.org/id/x>").Out().All()'}).then(r => r.text())`, chromedp.EvalAwaitPromise)
	if strings.Contains(body, `"X"`) {
		t.Errorf("the write went through: %s", body)
	}
}

// TestBrowserRootOnLocalhost opens the UI at the root, by the name
// localhost rather than the address the server printed, and checks that
// it talks to where it was loaded from.
func TestBrowserRootOnLocalhost(t *testing.T) {
	s := newSession(t, server.Config{})
	s.base = strings.Replace(s.base, "127.0.0.1", "localhost", 1)
	s.openUI("query", `g.V().Has("<http://schema.org/name>", "Vienna").Out("<http://schema.org/name>").All()`)
	s.clickRun()
	s.waitText(resultsPane, `"Vienna"`)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.ContainsFunc(s.requests, func(u string) bool { return strings.HasPrefix(u, s.base+"/api/v2/query") }) {
		t.Errorf("the query did not go to %s: %q", s.base, s.requests)
	}
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }
