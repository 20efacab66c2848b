package server

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/i18n/labels"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/locales"
)

// TestEveryListComplete walks every list that grows (quote and article
// statuses, their moves, source kinds, roles, suggestion kinds, reasons,
// check codes, export formats) and fails when a value lacks anything the
// rest of Cotejo needs: its label in English and in Spanish, its XLIFF
// states, the style of its badge. Its value in the API's description is
// TestOpenAPIEnumsFromTables's, below.
func TestEveryListComplete(t *testing.T) {
	catalogs := map[string]map[string]string{}
	for _, lang := range []string{"en", "es"} {
		b, err := locales.FS.ReadFile(lang + "/messages.gotext.json")
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Messages []struct {
				Key         string
				Translation i18n.Text
			}
		}
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		catalogs[lang] = map[string]string{}
		for _, m := range f.Messages {
			catalogs[lang][m.Key] = m.Translation.String()
		}
	}
	label := func(what, key string) {
		t.Helper()
		if key == "" {
			t.Errorf("%s has no label", what)
			return
		}
		for lang, cat := range catalogs {
			if strings.TrimSpace(cat[key]) == "" {
				t.Errorf("%s: the label %q has no %s translation (add it to scripts/es.json, run scripts/catalogs.py)", what, key, lang)
			}
		}
	}
	for _, key := range labels.Keys() {
		label("label", key)
	}
	css, err := os.ReadFile("../../web/static/css/cotejo.css")
	if err != nil {
		t.Fatal(err)
	}
	styled := func(what string, tone cotejo.Tone) {
		t.Helper()
		if !regexp.MustCompile(`\.` + regexp.QuoteMeta(string(tone)) + `\s*\{`).Match(css) {
			t.Errorf("%s: the tone %q has no style in cotejo.css", what, tone)
		}
	}
	xliff12 := []string{"new", "needs-translation", "needs-review-translation", "translated", "signed-off", "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n"}
	xliff20 := []string{"initial", "translated", "reviewed", "final"}

	for _, s := range cotejo.QuoteStatusTable() {
		what := "quote status " + string(s.Status)
		label(what, s.Label)
		styled(what, s.Tone)
		if !slices.Contains(xliff12, s.XLIFF12) || !slices.Contains(xliff20, s.XLIFF20) {
			t.Errorf("%s: XLIFF states %q and %q are not XLIFF's", what, s.XLIFF12, s.XLIFF20)
		}
		if s.WaitsFor != "" && !s.WaitsFor.Valid() {
			t.Errorf("%s waits for %q, no role", what, s.WaitsFor)
		}
		reached := slices.ContainsFunc(cotejo.QuoteMoves(), func(m cotejo.Move) bool { return m.To == s.Status || m.From == s.Status })
		if !reached {
			t.Errorf("%s: no move leads to it or from it", what)
		}
	}
	for _, m := range cotejo.QuoteMoves() {
		label("the move "+string(m.From)+" → "+string(m.To), m.Label)
		if !m.From.Valid() || !m.To.Valid() || len(m.Roles) == 0 {
			t.Errorf("the move %s → %s: unknown status or nobody may make it", m.From, m.To)
		}
	}
	for _, s := range cotejo.ArticleStatusTable() {
		what := "article status " + string(s.Status)
		label(what, s.Label)
		styled(what, s.Tone)
	}
	for _, m := range cotejo.ArticleMoves() {
		label("the article move "+string(m.From)+" → "+string(m.To), m.Label)
	}
	for _, tone := range cotejo.Tones {
		styled("tone", tone)
		if !regexp.MustCompile(`\.passage\.(linked\.)?` + regexp.QuoteMeta(string(tone)) + `\s*\{`).Match(css) {
			t.Errorf("the tone %q has no style for the passages it marks", tone)
		}
	}
	for _, k := range cotejo.SourceKindTable() {
		label("source kind "+string(k.Kind), k.Label)
	}
	for _, r := range cotejo.RoleTable() {
		label("role "+string(r.Role), r.Label)
	}
	for _, k := range cotejo.SuggestionKinds {
		label("suggestion kind "+string(k), k.Info().Label)
	}
	for _, r := range cotejo.ReasonTable() {
		what := "reason " + string(r.Code)
		label(what, r.Label)
		text := strings.TrimSuffix(strings.Repeat("approximate,", strings.Count(r.English, "%s")), ",")
		if back := cotejo.ParseReason(cotejo.Because(r.Code, text).English()); back.Code != r.Code || back.Text != text {
			t.Errorf("%s does not read back from its English form: %+v", what, back)
		}
	}
	for _, c := range checks.Catalog() {
		label("check "+c.Code, c.Label)
	}
	for _, f := range interchange.FormatTable() {
		what := "export format " + string(f.Format)
		if f.Label == "" || f.ContentType == "" || !strings.HasPrefix(f.Ext, ".") {
			t.Errorf("%s lacks its label, type or extension: %+v", what, f)
		}
		if got, err := interchange.ParseFormat(string(f.Format)); err != nil || got != f.Format {
			t.Errorf("%s is not read back by its name", what)
		}
	}
	for _, a := range cotejo.Actions() {
		if err := cotejo.Can(&cotejo.User{Roles: cotejo.Roles}, a, nil); err != nil {
			t.Errorf("the action %s: someone with every role may not take it: %v", a, err)
		}
	}
}

// TestOpenAPIEnumsFromTables: every list that grows is enumerated in the
// served description exactly as its table holds it, wherever the
// description names it (a $ref to its named schema).
func TestOpenAPIEnumsFromTables(t *testing.T) {
	_, doc := fetchOpenAPI(t, newOpenAPITestServer(t))
	want := map[string][]string{
		"QuoteStatus": strs(cotejo.QuoteStatuses), "ArticleStatus": strs(cotejo.ArticleStatuses),
		"SourceKind": strs(cotejo.SourceKinds), "Role": strs(cotejo.Roles), "SuggestionKind": strs(cotejo.SuggestionKinds),
		"ExportFormat": strs(interchange.Formats),
	}
	for _, c := range checks.Catalog() {
		want["CheckCode"] = append(want["CheckCode"], c.Code)
	}
	for name, values := range want {
		node, ok := resolvePointer(doc, "#/components/schemas/"+name+"/enum")
		if !ok {
			t.Errorf("components.schemas.%s has no enum", name)
			continue
		}
		var got []string
		for _, v := range node.([]any) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, values) {
			t.Errorf("%s enum = %v\nthe table  = %v", name, got, values)
		}
	}
	// The places that take a value of a list refer to its named schema.
	for ptr, name := range map[string]string{
		"#/components/schemas/Check/properties/code": "CheckCode", "#/components/schemas/Quote/properties/status": "QuoteStatus",
		"#/components/schemas/Article/properties/status": "ArticleStatus", "#/components/schemas/Source/properties/kind": "SourceKind",
		"#/components/schemas/User/properties/roles/items": "Role", "#/components/schemas/Suggestion/properties/kind": "SuggestionKind",
	} {
		node, _ := resolvePointer(doc, ptr)
		if ref, _ := node.(map[string]any)["$ref"].(string); ref != "#/components/schemas/"+name {
			t.Errorf("%s: $ref %q, want the schema %s", ptr, ref, name)
		}
	}
	counts, _ := resolvePointer(doc, "#/components/schemas/QuoteCounts/properties")
	for _, s := range cotejo.QuoteStatuses {
		if _, ok := counts.(map[string]any)[string(s)]; !ok {
			t.Errorf("QuoteCounts lacks %s", s)
		}
	}
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
