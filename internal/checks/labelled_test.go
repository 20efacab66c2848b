package checks

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/transcript"
)

// labelledCase is one quote of testdata/labelled.json; see its "about".
type labelledCase struct {
	ID            string `json:"id"`
	Region        string `json:"region"`  // the speaker's country (ISO 3166), as modelled
	SeenIn        string `json:"seen_in"` // the published piece the case's pattern was seen in
	Speaker       string `json:"speaker"`
	Original      string `json:"original"`
	OriginalLang  string `json:"original_lang"`
	Rendering     string `json:"rendering"`
	Source        string `json:"source"`
	SourceAnchor  string `json:"source_anchor"`
	AnchorState   string `json:"anchor_state"`
	Article       string `json:"article"`
	ArticleAnchor string `json:"article_anchor"`
	NoEvidence    bool   `json:"no_evidence"`
	URLOnly       bool   `json:"url_only"`
	Glossary      []struct {
		ID         int64    `json:"id"`
		Source     string   `json:"source"`
		SourceLang string   `json:"source_lang"`
		Targets    []string `json:"targets"`
		Forbidden  []string `json:"forbidden"`
	} `json:"glossary"`
	Others []struct {
		QuoteID   int64  `json:"quote_id"`
		Original  string `json:"original"`
		Rendering string `json:"rendering"`
	} `json:"others"`
	Expect []string `json:"expect"`
}

func loadLabelled(t testing.TB) []labelledCase {
	t.Helper()
	var set struct {
		Cases []labelledCase `json:"cases"`
	}
	if err := json.Unmarshal([]byte(readTestdata(t, "labelled.json")), &set); err != nil {
		t.Fatal(err)
	}
	return set.Cases
}

// input builds the Input a newsroom would have for the case: by default a
// source paragraph holding the original and an article paragraph that prints
// the rendering and says it was translated.
func (c labelledCase) input(t testing.TB) Input {
	in := Input{
		Original: c.Original, OriginalLang: c.OriginalLang,
		Rendering: c.Rendering, RenderingLang: "en",
		Speaker:     c.Speaker,
		ArticleLang: "en",
	}
	if in.OriginalLang == "" {
		in.OriginalLang = "es-MX"
	}
	if !c.NoEvidence {
		in.SourceURL = "https://example.org/versiones-estenograficas/conferencia"
		in.SourceText = c.Source
		if in.SourceText == "" {
			in.SourceText = "Durante la conferencia, la funcionaria respondió preguntas sobre seguridad y economía.\n\n“" +
				c.Original + "”, afirmó.\n\nLa conferencia terminó al mediodía."
		}
		if c.AnchorState != "" {
			exact := c.SourceAnchor
			if exact == "" {
				exact = c.Original
			}
			in.SourceAnchor = spanOf(t, in.SourceText, exact)
			in.SourceAnchorState = c.AnchorState
		}
	}
	// As the caller does: the source's turns, computed once per source.
	in.SourceTurns = transcript.Turns(in.SourceText)
	if c.URLOnly {
		in.SourceURL = "https://example.org/video"
	}
	for _, g := range c.Glossary {
		in.Glossary = append(in.Glossary, Term{ID: g.ID, Source: g.Source, SourceLang: g.SourceLang, Targets: g.Targets, Forbidden: g.Forbidden})
	}
	for _, o := range c.Others {
		in.Others = append(in.Others, Pair{QuoteID: o.QuoteID, Original: o.Original, Rendering: o.Rendering})
	}
	printed := strings.TrimRight(c.Rendering, ".,;: ")
	in.ArticleBody = c.Article
	if in.ArticleBody == "" && printed != "" {
		surname := c.Speaker[strings.LastIndex(c.Speaker, " ")+1:]
		in.ArticleBody = surname + " spoke at a news conference on Tuesday.\n\n“" + printed + ",” " +
			c.Speaker + " said in Spanish.\n\nThe remarks drew criticism from the opposition."
	}
	anchor := c.ArticleAnchor
	if anchor == "" {
		anchor = printed
	}
	if anchor != "" && strings.Contains(in.ArticleBody, anchor) {
		in.ArticleAnchor = spanOf(t, in.ArticleBody, anchor)
	}
	return in
}

// families groups the check codes as TestLabelledSet reports them.
var families = map[string]string{
	CodeOriginalNotInSource: "evidence", CodeOriginalApproximate: "evidence", CodeEvidenceMissing: "evidence",
	CodePartialQuoteQualifier: "evidence",
	CodeRenderingNotInArticle: "article", CodeTranslationNotDisclosed: "article",
	CodeNumbersDiffer: "numbers", CodeNumbersRounded: "numbers",
	CodeNegationMismatch: "negation",
	CodeRenderingEmpty:   "form", CodeOriginalEmpty: "form", CodeRenderingUntranslated: "form", CodeLengthRatio: "form",
	CodeEllipsisWithoutOmission: "form", CodeBracketInsertion: "form", CodeUnbalancedQuotes: "form",
	CodeSpanishPunctuationUnpaired: "form",
	CodeGlossaryForbidden:          "newsroom", CodeGlossaryMissingTarget: "newsroom", CodeInconsistentRendering: "newsroom",
	CodeCertaintyChanged: "certainty", CodeNamesDiffer: "names", CodeWrongSpeaker: "speaker",
}

// TestLabelledSet measures the checks on the labelled pairs, per family of
// checks: recall on planted faults (each expected code raised) and false
// alarms (pairs on which the family raised a code the case does not
// expect, faithful pairs and faulty ones alike). Every family must reach a
// recall of 95 % with no false alarm.
func TestLabelledSet(t *testing.T) {
	cases := loadLabelled(t)
	checkComposition(t, cases)
	planted, caught, alarms := map[string]int{}, map[string]int{}, map[string]int{}
	clean, cleanAlarms := 0, 0
	for _, c := range cases {
		fs := Run(c.input(t))
		got := codes(fs)
		if len(c.Expect) == 0 {
			clean++
			if len(fs) > 0 {
				cleanAlarms++
			}
		}
		for _, want := range c.Expect {
			fam := families[want]
			planted[fam]++
			if slices.Contains(got, want) {
				caught[fam]++
			} else {
				t.Logf("missed %s on %s (got %v)", want, c.ID, got)
			}
		}
		raised := map[string]bool{}
		for _, g := range got {
			if !slices.Contains(c.Expect, g) {
				t.Logf("false alarm %s on %s: %s", g, c.ID, messageOf(fs, g))
				raised[families[g]] = true
			}
		}
		for fam := range raised {
			alarms[fam]++
		}
	}
	var report strings.Builder
	fmt.Fprintf(&report, "labelled set: %d pairs (%d faithful); faithful pairs with any finding: %d\n", len(cases), clean, cleanAlarms)
	for _, fam := range slices.Sorted(maps.Keys(setOf(slices.Collect(maps.Values(families))))) {
		recall := 1.0
		if planted[fam] > 0 {
			recall = float64(caught[fam]) / float64(planted[fam])
		}
		fmt.Fprintf(&report, "  %-9s recall %5.1f%% (%d/%d planted)  false alarms %d of %d pairs\n",
			fam, 100*recall, caught[fam], planted[fam], alarms[fam], len(cases))
		if recall < 0.95 {
			t.Errorf("%s: recall %.3f < 0.95", fam, recall)
		}
		if alarms[fam] > 0 {
			t.Errorf("%s: %d false alarms", fam, alarms[fam])
		}
	}
	t.Log(report.String())
}

func setOf(ss []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// checkComposition holds the set to what makes it a yardstick: at least 150
// pairs, each noting where its pattern was seen; at least half modelled on
// speakers outside Mexico; at least a third with figures and a third with
// negation in the original; faithful and faulty pairs for every family.
func checkComposition(t *testing.T, cases []labelledCase) {
	t.Helper()
	if len(cases) < 150 {
		t.Errorf("the set has %d pairs; it needs at least 150", len(cases))
	}
	var outside, numbers, negation int
	ids := map[string]bool{}
	faulty := map[string]int{}
	for _, c := range cases {
		if ids[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		ids[c.ID] = true
		if !strings.HasPrefix(c.SeenIn, "http://") && !strings.HasPrefix(c.SeenIn, "https://") {
			t.Errorf("%s: seen_in %q is not the URL of a published piece", c.ID, c.SeenIn)
		}
		if len(c.Region) != 2 {
			t.Errorf("%s: region %q is not a country code", c.ID, c.Region)
		}
		if c.Region != "MX" {
			outside++
		}
		toks := tokenize(nfcRunes(c.Original))
		lang := c.OriginalLang
		if lang == "" {
			lang = "es-MX"
		}
		if len(firm(extractNumbers(nfcRunes(c.Original), toks, lang))) > 0 {
			numbers++
		}
		if _, markers, _ := negatedClauses(toks, "es"); len(markers) > 0 {
			negation++
		}
		for _, e := range c.Expect {
			faulty[families[e]]++
		}
	}
	n := len(cases)
	if 2*outside < n {
		t.Errorf("%d of %d pairs are modelled on speakers outside Mexico; at least half must be", outside, n)
	}
	if 3*numbers < n {
		t.Errorf("%d of %d originals have figures; at least a third must", numbers, n)
	}
	if 3*negation < n {
		t.Errorf("%d of %d originals have a negation; at least a third must", negation, n)
	}
	for _, fam := range []string{"numbers", "negation", "certainty", "names", "speaker"} {
		if faulty[fam] < 5 {
			t.Errorf("only %d planted faults for %s", faulty[fam], fam)
		}
	}
	t.Logf("composition: %d pairs, %d outside Mexico, %d with figures, %d with negation", n, outside, numbers, negation)
}

func messageOf(fs []Finding, code string) string {
	for _, f := range fs {
		if f.Code == code {
			return f.Message
		}
	}
	return ""
}
