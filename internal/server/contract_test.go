package server_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// The API's description is the contract: the tests check every answer
// the API gives them against the schema of its path, method and status,
// with kin-openapi, the Go validator of OpenAPI documents.

// contract is the served description, loaded and validated once, and its
// router.
var contract struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// servedContract loads the description as the server serves it.
func servedContract(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	contract.once.Do(func() {
		// Until the description is loaded, callers are told so: a first
		// caller that serve stops leaves the rest an error, not a nil.
		contract.err = errors.New("the server was not built")
		_, s := serve(t, storetest.Open(t, store.SQLite), server.Config{Logger: slog.New(slog.DiscardHandler)})
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(rec.Body.Bytes())
		if err != nil {
			contract.err = err
			return
		}
		if contract.err = doc.Validate(loader.Context); contract.err != nil {
			return
		}
		contract.doc = doc
		contract.router, contract.err = legacy.NewRouter(doc)
	})
	if contract.err != nil {
		t.Fatalf("the served OpenAPI description: %v", contract.err)
	}
	return contract.doc, contract.router
}

// TestOpenAPIDocumentIsValid: kin-openapi loads the served description
// and finds it valid (OpenAPI 3.1: every $ref resolves, every schema is a
// schema, every operation has its responses).
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc, _ := servedContract(t)
	if doc.OpenAPI != "3.1.0" || len(doc.Paths.Map()) == 0 {
		t.Fatalf("openapi %q with %d paths", doc.OpenAPI, len(doc.Paths.Map()))
	}
}

// checkAnswer fails t when an answer of the API breaks its description.
func checkAnswer(t *testing.T, r *http.Request, status int, header http.Header, body []byte) {
	t.Helper()
	if err := answerError(t, r, status, header, body); err != nil {
		t.Errorf("%s %s answered %d, which its description does not allow: %v\n%.600s", r.Method, r.URL.Path, status, err, body)
	}
}

// answerError validates one answer of the API against the description:
// its operation and status must be documented, and a JSON body must match
// the schema of that status.
func answerError(t *testing.T, r *http.Request, status int, header http.Header, body []byte) error {
	t.Helper()
	if !strings.HasPrefix(r.URL.Path, "/api/v1/") && r.URL.Path != "/healthz" {
		return nil
	}
	_, router := servedContract(t)
	route, params, err := router.FindRoute(r)
	if err != nil {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return nil // an unknown path or method, answered as such
		}
		return fmt.Errorf("no documented operation: %w", err)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	if mt, _, _ := mime.ParseMediaType(header.Get("Content-Type")); mt != "application/json" {
		opts.ExcludeResponseBody = true // files (exports, recordings) are not JSON to validate
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts},
		Status:                 status, Header: header, Options: opts,
	}
	in.SetBodyBytes(bytes.Clone(body))
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// TestContractCatchesBadAnswers: the check that every API test runs on
// every answer refuses answers its description does not allow.
func TestContractCatchesBadAnswers(t *testing.T) {
	json := http.Header{"Content-Type": []string{"application/json"}}
	get := httptest.NewRequest(http.MethodGet, "/api/v1/quotes/1", nil)
	for _, c := range []struct {
		name   string
		r      *http.Request
		status int
		body   string
	}{
		{"a status no table holds", get, 200, `{"id": 1, "status": "bogus"}`},
		{"a status the operation does not answer", get, 418, `{}`},
		{"an error code no table holds", get, 404, `{"error": {"code": "no_such_code", "message": "x"}}`},
		{"an undocumented path", httptest.NewRequest(http.MethodGet, "/api/v1/nothing-here", nil), 200, `{}`},
	} {
		if answerError(t, c.r, c.status, json, []byte(c.body)) == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
	if err := answerError(t, get, 404, json, []byte(`{"error": {"code": "not_found", "message": "No quote with id 1."}}`)); err != nil {
		t.Errorf("a good answer refused: %v", err)
	}
}
