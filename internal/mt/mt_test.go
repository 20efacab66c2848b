package mt

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/testenv"
)

var spanish = []string{
	"No queremos aranceles.",
	"La soberanía no se negocia.",
	"Se desplegaron diez mil elementos\nen la frontera norte.",
}

func TestParse(t *testing.T) {
	for setting, want := range map[string]string{
		"apertium":                           "apertium",
		"apy:http://127.0.0.1:2737":          "apy",
		"apy:http://127.0.0.1:2737/":         "apy",
		"libretranslate:https://lt.example/": "libretranslate",
		" LibreTranslate:http://[::1]:5000 ": "libretranslate",
		"":                                   "",
		"off":                                "",
	} {
		p, err := Parse(setting)
		if err != nil {
			t.Errorf("Parse(%q): %v", setting, err)
			continue
		}
		got := ""
		if p != nil {
			got = p.Name()
		}
		if got != want {
			t.Errorf("Parse(%q) = %q, want %q", setting, got, want)
		}
	}
	if p, _ := Parse("apy:http://127.0.0.1:2737/"); p.(*APy).URL != "http://127.0.0.1:2737" {
		t.Errorf("the trailing slash is kept: %q", p.(*APy).URL)
	}
	for _, bad := range []string{"google", "apy:", "apy:ftp://x", "libretranslate:localhost:5000", "apertium:x", "off:1"} {
		if p, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", bad, p)
		}
	}
}

// checkSpanish checks a provider's English for the three texts above.
func checkSpanish(t *testing.T, got []string) {
	t.Helper()
	if len(got) != len(spanish) {
		t.Fatalf("%d translations for %d texts: %q", len(got), len(spanish), got)
	}
	for i, want := range []string{"tariffs", "sovereignty", "border"} {
		if !strings.Contains(strings.ToLower(got[i]), want) {
			t.Errorf("translation %d = %q, want it to mention %q", i, got[i], want)
		}
	}
}

func TestApertiumCommand(t *testing.T) {
	testenv.Tool(t, "apertium", "apertium apertium-eng-spa")
	a := &Apertium{}
	got, err := a.Translate(context.Background(), spanish, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	checkSpanish(t, got)

	// A batch of a source's size is one process, and lines stay aligned.
	many := make([]string, 600)
	for i := range many {
		many[i] = fmt.Sprintf("Son %d personas en la frontera.", i)
	}
	got, err = a.Translate(context.Background(), many, "es-MX", "en")
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if !strings.Contains(g, fmt.Sprint(i)) {
			t.Fatalf("translation %d = %q: lines out of step", i, g)
		}
	}
	if got, err := a.Translate(context.Background(), nil, "es", "en"); err != nil || len(got) != 0 {
		t.Errorf("no texts: %q, %v", got, err)
	}
	if _, err := a.Translate(context.Background(), spanish, "es", "xx"); err == nil {
		t.Error("an unknown pair translated")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Translate(ctx, spanish, "es", "en"); err == nil {
		t.Error("a cancelled context translated")
	}
	if s, ok := Suggest(context.Background(), a, "Buenos días.", "es", "en"); !ok || s == "" {
		t.Errorf("Suggest = %q, %v", s, ok)
	}
	if _, ok := Suggest(context.Background(), &Apertium{Command: "/nonexistent/apertium"}, "Hola.", "es", "en"); ok {
		t.Error("a missing command gave a suggestion")
	}
}

// startAPy starts Debian's apertium-apy on a free loopback port against the
// installed pairs and returns its URL; the server stops with the test.
func startAPy(t *testing.T) string {
	t.Helper()
	exe := testenv.Tool(t, "apertium-apy", "apertium-apy")
	testenv.Tool(t, "apertium", "apertium apertium-eng-spa")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(exe, "-p", fmt.Sprint(port), "-j", "1", "/usr/share/apertium/modes")
	cmd.Dir = t.TempDir() // its language-name database and logs stay there
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/listPairs")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("apertium-apy did not answer on %s: %v", base, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestAPy(t *testing.T) {
	base := startAPy(t)
	p, err := Parse("apy:" + base)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Translate(context.Background(), spanish, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	checkSpanish(t, got)

	// Over 40 KB in all: APy would drop the end of one request, so the
	// batch must be split and every text come back translated.
	many := make([]string, 1500)
	size := 0
	for i := range many {
		many[i] = fmt.Sprintf("El gobierno informó que son %d familias damnificadas.", i)
		size += len(many[i]) + 1
	}
	if size <= 40_000 {
		t.Fatalf("the batch is only %d bytes", size)
	}
	got, err = p.Translate(context.Background(), many, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if !strings.Contains(g, fmt.Sprint(i)) || !strings.Contains(strings.ToLower(g), "famil") {
			t.Fatalf("translation %d = %q", i, g)
		}
	}
	// One text longer than a request goes in pieces.
	long := strings.Repeat("La frontera norte es segura. ", 1500)
	got, err = p.Translate(context.Background(), []string{long}, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.ToLower(got[0]), "border"); n != 1500 {
		t.Errorf("a %d-byte text came back with %d of its 1500 sentences", len(long), n)
	}
	if s, ok := Suggest(context.Background(), p, "No queremos aranceles.", "es", "en"); !ok || !strings.Contains(s, "tariffs") {
		t.Errorf("Suggest = %q, %v", s, ok)
	}
}

// TestLibreTranslate runs the client against a loopback server that speaks
// LibreTranslate's documented /translate protocol (JSON body with q as an
// array of texts, source, target, format and api_key; answer
// {"translatedText": [...]}, errors as {"error": "..."} with a 4xx or 5xx
// status). LibreTranslate itself cannot be installed on this machine (it
// comes from PyPI, which is out of reach), so this server stands in for it;
// the translation it gives is a marker, not a real one.
func TestLibreTranslate(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/translate" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
			return
		}
		var body struct {
			Q              []string `json:"q"`
			Source, Target string
			Format         string
			APIKey         string `json:"api_key"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, `{"error":"Invalid request"}`, http.StatusBadRequest)
			return
		}
		if body.APIKey != "secret" {
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"error":"Invalid API key"}`))
			return
		}
		size := 0
		out := make([]string, len(body.Q))
		for i, q := range body.Q {
			size += len(q)
			out[i] = fmt.Sprintf("[%s→%s] %s", body.Source, body.Target, q)
		}
		if size > LibreTranslateLimit {
			http.Error(w, `{"error":"Exceeded character limit"}`, http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	}))
	defer srv.Close()

	p := &LibreTranslate{URL: srv.URL, APIKey: "secret"}
	many := make([]string, 2000)
	for i := range many {
		many[i] = fmt.Sprintf("Texto número %d de la conferencia.", i)
	}
	got, err := p.Translate(context.Background(), many, "es-MX", "en")
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if g != "[es→en] "+many[i] {
			t.Fatalf("translation %d = %q", i, g)
		}
	}
	if requests.Load() < 2 {
		t.Errorf("%d requests for %d texts: the batch was not split", requests.Load(), len(many))
	}
	if _, err := (&LibreTranslate{URL: srv.URL, APIKey: "wrong"}).Translate(context.Background(), many[:1], "es", "en"); err == nil || !strings.Contains(err.Error(), "Invalid API key") {
		t.Errorf("a refused key: %v", err)
	}
	if _, ok := Suggest(context.Background(), &LibreTranslate{URL: srv.URL}, "Hola.", "es", "en"); ok {
		t.Error("a refused request gave a suggestion")
	}
}

func TestNoSuggestion(t *testing.T) {
	// An absent server: a closed loopback port.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	for _, p := range []Provider{&APy{URL: "http://" + addr}, &LibreTranslate{URL: "http://" + addr}} {
		if s, ok := Suggest(context.Background(), p, "Hola.", "es", "en"); ok {
			t.Errorf("%s: an absent server suggested %q", p.Name(), s)
		}
	}
	// A server that hangs: the time-out ends the wait.
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
	}))
	defer hang.Close()
	defer close(release)
	start := time.Now()
	_, err = (&APy{URL: hang.URL, Timeout: 200 * time.Millisecond}).Translate(context.Background(), []string{"Hola."}, "es", "en")
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("a hanging server: %v after %v", err, time.Since(start))
	}
	// A server answering nonsense.
	junk := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }))
	defer junk.Close()
	if _, ok := Suggest(context.Background(), &APy{URL: junk.URL}, "Hola.", "es", "en"); ok {
		t.Error("a junk answer gave a suggestion")
	}
	if _, ok := Suggest(context.Background(), nil, "Hola.", "es", "en"); ok {
		t.Error("no provider gave a suggestion")
	}
}
