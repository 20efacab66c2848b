package checks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cotejo/cotejo/internal/transcript"
)

// The demo material (copied from the shared fixtures into testdata/demo):
// La Razón's report of Sheinbaum's remarks and the body of the CRBC article.
const larazonURL = "https://www.razon.com.mx/mexico/2025/11/18/no-aceptaremos-intervencion-de-ningun-gobierno-extranjero-reitera-claudia-sheinbaum/"

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// spanOf returns the code-point span of the first occurrence of sub in the
// NFC form of text, as an anchor would hold it.
func spanOf(t testing.TB, text, sub string) *Span {
	t.Helper()
	text, sub = norm.NFC.String(text), norm.NFC.String(sub)
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not found in text", sub)
	}
	start := utf8.RuneCountInString(text[:i])
	return &Span{Start: start, End: start + utf8.RuneCountInString(sub)}
}

func demoInput(t testing.TB, original, rendering string) Input {
	src := readTestdata(t, "demo/larazon.txt")
	body := readTestdata(t, "demo/article-body.txt")
	return Input{
		Original: original, OriginalLang: "es-MX",
		Rendering: rendering, RenderingLang: "en",
		Speaker:           "Claudia Sheinbaum",
		SourceText:        src,
		SourceAnchor:      spanOf(t, src, original),
		SourceAnchorState: "exact",
		SourceURL:         larazonURL,
		ArticleBody:       body,
		ArticleLang:       "en",
		ArticleAnchor:     spanOf(t, body, rendering),
	}
}

func dump(t testing.TB, fs []Finding) string {
	t.Helper()
	b, err := json.MarshalIndent(fs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The demo's faithful quote must pass without a single finding, also with
// the source's turns given as the workflow gives them.
func TestDemoFaithfulQuoteIsClean(t *testing.T) {
	in := demoInput(t, "nosotros no queremos intervención de ningún gobierno extranjero",
		"We don't want intervention from any foreign government")
	if fs := Run(in); len(fs) != 0 {
		t.Fatalf("findings on the demo's faithful quote:\n%s", dump(t, fs))
	}
	in.SourceTurns = transcript.Turns(in.SourceText)
	if fs := Run(in); len(fs) != 0 {
		t.Fatalf("findings on the demo's faithful quote:\n%s", dump(t, fs))
	}
	// The same quote still passes when the caller has not anchored the
	// original (the normalized search finds it) and the rendering arrives
	// with the article's curly apostrophe.
	in.SourceAnchor, in.SourceAnchorState = nil, ""
	in.Rendering = "We don’t want intervention from any foreign government"
	in.SourceURL = larazonURL
	if fs := Run(in); len(fs) != 0 {
		t.Fatalf("findings on the unanchored demo quote:\n%s", dump(t, fs))
	}
}

// The second demo quote condenses a run-on spoken sentence. "ni" and
// "without" are both negations, so negation_mismatch stays quiet; what the
// reviewer is shown is that the source sentence goes on with "no podemos
// permitir una intervención", a negation outside the quoted part.
func TestDemoCondensedQuote(t *testing.T) {
	in := demoInput(t, "Hay colaboración y coordinación, pero ni hay subordinación",
		"collaboration and coordination without subordination")
	in.SourceTurns = transcript.Turns(in.SourceText)
	fs := Run(in)
	if got := codes(fs); !slices.Equal(got, []string{CodePartialQuoteQualifier}) {
		t.Fatalf("codes = %v, want [%s]\n%s", got, CodePartialQuoteQualifier, dump(t, fs))
	}
	q := fs[0].Details["qualifiers"].([]Qualifier)
	if len(q) != 1 || q[0].Words != "no" || q[0].Kind != "negation" || q[0].Position != "after" {
		t.Errorf("qualifiers = %+v", q)
	}
	if after := fs[0].Details["after"]; !strings.HasPrefix(after.(string), "no podemos permitir una intervención") {
		t.Errorf("after = %q", after)
	}
}

func codes(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// Checked against the other outlet's report, which has a close variant
// ("No aceptamos una intervención…"), the La Razón wording is not found, and
// the finding shows the closest passage and how it differs.
func TestDemoQuoteAgainstTheOtherReport(t *testing.T) {
	in := demoInput(t, "nosotros no queremos intervención de ningún gobierno extranjero",
		"We don't want intervention from any foreign government")
	in.SourceText = readTestdata(t, "demo/tribuna.txt")
	in.SourceAnchor, in.SourceAnchorState = nil, ""
	fs := Run(in)
	if got := codes(fs); !slices.Equal(got, []string{CodeOriginalNotInSource}) {
		t.Fatalf("codes = %v\n%s", got, dump(t, fs))
	}
	if p := fs[0].Details["closest_passage"]; p != "No aceptamos una intervención de ningún gobierno extranjero" {
		t.Errorf("closest passage = %q", p)
	}
}
