package api

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// openAPIFile is the OpenAPI 3.1 description of the API, kept by hand next
// to the handlers; a test checks that it lists exactly the routes served
// and that real answers match its schemas.
//
//go:embed openapi.json
var openAPIFile []byte

// openAPIDoc is the description as served: the file, with the values of
// the lists that grow (statuses, kinds, roles, check codes, formats, error
// codes) put in from their tables, so that a value added to a table is
// described without editing the file.
var openAPIDoc = func() []byte {
	b, err := describe(openAPIFile)
	if err != nil {
		panic("api: openapi.json: " + err.Error())
	}
	return b
}()

// Enums are the values each named schema of the description enumerates,
// from the tables of the domain.
func Enums() map[string][]string {
	return map[string][]string{
		"QuoteStatus":    strs(cotejo.QuoteStatuses),
		"ArticleStatus":  strs(cotejo.ArticleStatuses),
		"SourceKind":     strs(cotejo.SourceKinds),
		"Role":           strs(cotejo.Roles),
		"SuggestionKind": strs(cotejo.SuggestionKinds),
		"CheckCode":      checkCodes(),
		"ExportFormat":   strs(interchange.Formats),
		"ErrorCode":      append(strs(httpx.Codes()), "method_not_allowed"),
	}
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func checkCodes() []string {
	var out []string
	for _, c := range checks.Catalog() {
		out = append(out, c.Code)
	}
	return out
}

// describe puts the tables' values into the description file.
func describe(file []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(file, &doc); err != nil {
		return nil, err
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for name, values := range Enums() {
		s, ok := schemas[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no schema %s to enumerate", name)
		}
		s["enum"] = values
	}
	counts, ok := schemas["QuoteCounts"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no schema QuoteCounts")
	}
	props := map[string]any{"total": map[string]any{"type": "integer"}}
	required := []string{"total"}
	for _, s := range cotejo.QuoteStatuses {
		props[string(s)] = map[string]any{"type": "integer"}
		required = append(required, string(s))
	}
	counts["properties"], counts["required"] = props, required
	return json.MarshalIndent(doc, "", "  ")
}
