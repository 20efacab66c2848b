package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/locales"
)

// openAPIMethods are the keys of an OpenAPI path item that are operations.
var openAPIMethods = map[string]string{
	"get": http.MethodGet, "put": http.MethodPut, "post": http.MethodPost, "delete": http.MethodDelete,
	"options": http.MethodOptions, "head": http.MethodHead, "patch": http.MethodPatch, "trace": http.MethodTrace,
}

// newOpenAPITestServer builds the whole handler over a fresh SQLite database.
func newOpenAPITestServer(t *testing.T) *Server {
	t.Helper()
	st := storetest.Open(t, store.SQLite)
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatalf("load locales: %v", err)
	}
	s, err := New(workflow.New(st), bundle, st.Ping, Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	return s
}

// fetchOpenAPI gets the document as a client would, without a token.
func fetchOpenAPI(t *testing.T, s *Server) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json: status %d, body %.300s", rec.Code, rec.Body.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("GET /api/v1/openapi.json: not a JSON object: %v", err)
	}
	return rec, doc
}

// operation is one documented operation.
type operation struct {
	method, path string
	op           map[string]any
}

func (o operation) String() string { return o.method + " " + o.path }

// documentedOperations lists the operations of doc's paths.
func documentedOperations(t *testing.T, doc map[string]any) []operation {
	t.Helper()
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		t.Fatalf("paths is not an object: %T", doc["paths"])
	}
	var ops []operation
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		item, ok := paths[path].(map[string]any)
		if !ok {
			t.Errorf("paths[%q] is not an object", path)
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(item)) {
			method, isOp := openAPIMethods[key]
			if !isOp {
				continue
			}
			op, ok := item[key].(map[string]any)
			if !ok {
				t.Errorf("%s %s is not an object", method, path)
				continue
			}
			ops = append(ops, operation{method: method, path: path, op: op})
		}
	}
	return ops
}

var (
	ginParam      = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)
	templateParam = regexp.MustCompile(`\{([^}]+)\}`)
)

// servedAPIRoutes lists the API routes the server serves, in OpenAPI form
// ("GET /api/v1/articles/{id}").
func servedAPIRoutes(s *Server) map[string]bool {
	served := map[string]bool{}
	for _, r := range s.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" {
			continue
		}
		served[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	return served
}

// TestOpenAPIMatchesRoutes checks that the document describes exactly the
// API routes the server serves: adding a route without documenting it, or
// documenting one that is not served, fails here.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := newOpenAPITestServer(t)
	_, doc := fetchOpenAPI(t, s)

	served := servedAPIRoutes(s)
	if len(served) == 0 {
		t.Fatal("the server reports no API routes")
	}
	documented := map[string]bool{}
	for _, o := range documentedOperations(t, doc) {
		documented[o.String()] = true
	}

	var missing, extra []string
	for r := range served {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for r := range documented {
		if !served[r] {
			extra = append(extra, r)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) > 0 {
		t.Errorf("%d served route(s) missing from openapi.json:\n\t%s", len(missing), strings.Join(missing, "\n\t"))
	}
	if len(extra) > 0 {
		t.Errorf("%d documented operation(s) the server does not serve:\n\t%s", len(extra), strings.Join(extra, "\n\t"))
	}
}

// TestOpenAPIServedAndValid checks that the document is served without a
// token and holds together: an OpenAPI 3 object whose $refs all resolve,
// whose operations all have a unique operationId and responses, and whose
// path templates all have their path parameters.
func TestOpenAPIServedAndValid(t *testing.T) {
	s := newOpenAPITestServer(t)
	rec, doc := fetchOpenAPI(t, s)

	if mt, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type")); err != nil || mt != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", rec.Header().Get("Content-Type"))
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Errorf("openapi = %v, want 3.x", doc["openapi"])
	}
	info, _ := doc["info"].(map[string]any)
	if title, _ := info["title"].(string); title == "" {
		t.Error("info.title is missing")
	}
	if version, _ := info["version"].(string); version == "" {
		t.Error("info.version is missing")
	}
	if _, ok := doc["components"].(map[string]any); !ok {
		t.Fatalf("components is not an object: %T", doc["components"])
	}
	for _, name := range []string{"Article", "ArticleInput", "ArticlePatch", "Source", "SourceInput", "SourcePatch",
		"Quote", "QuoteInput", "QuotePatch", "Anchor", "Span", "MediaRange", "LangText", "User", "APIToken",
		"TokenRequest", "TokenResponse", "HistoryEntry", "Error"} {
		if _, ok := resolvePointer(doc, "#/components/schemas/"+name); !ok {
			t.Errorf("components.schemas.%s is missing", name)
		}
	}
	if _, ok := resolvePointer(doc, "#/components/securitySchemes/bearerAuth"); !ok {
		t.Error("components.securitySchemes.bearerAuth is missing")
	}

	// Every $ref resolves to something under #/components/.
	refs := 0
	walkJSON(doc, "#", func(at string, node map[string]any) {
		ref, ok := node["$ref"].(string)
		if !ok {
			return
		}
		refs++
		if !strings.HasPrefix(ref, "#/components/") {
			t.Errorf("%s: $ref %q does not point into #/components/", at, ref)
			return
		}
		if _, ok := resolvePointer(doc, ref); !ok {
			t.Errorf("%s: $ref %q does not resolve", at, ref)
		}
	})
	if refs == 0 {
		t.Error("the document holds no $ref at all")
	}

	ops := documentedOperations(t, doc)
	if len(ops) == 0 {
		t.Fatal("the document has no operations")
	}
	ids := map[string]string{}
	paths := doc["paths"].(map[string]any)
	for _, o := range ops {
		id, _ := o.op["operationId"].(string)
		switch {
		case id == "":
			t.Errorf("%s has no operationId", o)
		case ids[id] != "":
			t.Errorf("%s: operationId %q is also used by %s", o, id, ids[id])
		default:
			ids[id] = o.String()
		}
		if responses, _ := o.op["responses"].(map[string]any); len(responses) == 0 {
			t.Errorf("%s has no responses", o)
		}
		// Every {param} of the path template is declared as a path parameter,
		// on the path item or on the operation.
		declared := map[string]bool{}
		item := paths[o.path].(map[string]any)
		for _, list := range []any{item["parameters"], o.op["parameters"]} {
			params, _ := list.([]any)
			for _, p := range params {
				pm, _ := p.(map[string]any)
				if ref, ok := pm["$ref"].(string); ok {
					r, _ := resolvePointer(doc, ref)
					pm, _ = r.(map[string]any)
				}
				if pm["in"] == "path" {
					name, _ := pm["name"].(string)
					declared[name] = true
				}
			}
		}
		for _, m := range templateParam.FindAllStringSubmatch(o.path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %q is not declared", o, m[1])
			}
		}
	}
}

// TestOpenAPISecurityMatchesServer checks each operation's security against
// what the server does with a request that carries no credentials: the
// operations it refuses with 401 must require bearerAuth and document the
// 401; the ones it answers must be marked public (security: []).
func TestOpenAPISecurityMatchesServer(t *testing.T) {
	s := newOpenAPITestServer(t)
	_, doc := fetchOpenAPI(t, s)
	global, _ := doc["security"].([]any)
	if len(global) == 0 {
		t.Error("no global security requirement")
	}
	served := servedAPIRoutes(s)
	for _, o := range documentedOperations(t, doc) {
		if !served[o.String()] {
			continue // TestOpenAPIMatchesRoutes reports it
		}
		path := strings.NewReplacer("{id}", "1").Replace(o.path)
		req := httptest.NewRequest(o.method, path, nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)

		sec, hasSec := o.op["security"].([]any)
		public := hasSec && len(sec) == 0
		refused := rec.Code == http.StatusUnauthorized
		responses, _ := o.op["responses"].(map[string]any)
		switch {
		case refused && public:
			t.Errorf("%s is documented as public (security: []) but answers 401 without a token", o)
		case !refused && !public:
			t.Errorf("%s answers %d without a token but is not documented as public (security: [])", o, rec.Code)
		case refused && responses["401"] == nil:
			t.Errorf("%s needs a token but does not document the 401", o)
		}
	}
}

// walkJSON calls f on every object of v, with its JSON pointer.
func walkJSON(v any, at string, f func(at string, node map[string]any)) {
	switch n := v.(type) {
	case map[string]any:
		f(at, n)
		for _, k := range slices.Sorted(maps.Keys(n)) {
			walkJSON(n[k], at+"/"+escapePointer(k), f)
		}
	case []any:
		for i, e := range n {
			walkJSON(e, fmt.Sprintf("%s/%d", at, i), f)
		}
	}
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// resolvePointer follows a local JSON pointer ("#/components/schemas/Quote").
func resolvePointer(doc map[string]any, ref string) (any, bool) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for _, tok := range strings.Split(rest, "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}
