package checks

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// labelledCase is one quote of testdata/labelled.json; see its "about".
type labelledCase struct {
	ID            string `json:"id"`
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

// TestLabelledSet measures the checks on the labelled pairs: recall on
// planted faults (each expected code raised) and the share of faithful pairs
// with any finding at all.
func TestLabelledSet(t *testing.T) {
	cases := loadLabelled(t)
	var planted, caught, clean, falseAlarms int
	for _, c := range cases {
		fs := Run(c.input(t))
		got := codes(fs)
		if len(c.Expect) == 0 {
			clean++
			if len(fs) > 0 {
				falseAlarms++
				t.Logf("false alarm on %s: %v\n%s", c.ID, got, dump(t, fs))
			}
			continue
		}
		for _, want := range c.Expect {
			planted++
			if slices.Contains(got, want) {
				caught++
			} else {
				t.Logf("missed %s on %s (got %v)", want, c.ID, got)
			}
		}
		for _, g := range got {
			if !slices.Contains(c.Expect, g) {
				t.Logf("extra %s on %s: %s", g, c.ID, messageOf(fs, g))
			}
		}
	}
	if clean < 20 || len(cases)-clean < 25 {
		t.Fatalf("the set needs at least 20 clean and 25 faulty cases; it has %d and %d", clean, len(cases)-clean)
	}
	recall := float64(caught) / float64(planted)
	falseShare := float64(falseAlarms) / float64(clean)
	t.Logf("labelled set: %d cases; recall %.3f (%d/%d planted codes raised); false alarms %.3f (%d/%d clean pairs with a finding)",
		len(cases), recall, caught, planted, falseShare, falseAlarms, clean)
	if recall < 0.9 {
		t.Errorf("recall %.3f < 0.9", recall)
	}
	if falseShare > 0.1 {
		t.Errorf("false-alarm share %.3f > 0.1", falseShare)
	}
}

func messageOf(fs []Finding, code string) string {
	for _, f := range fs {
		if f.Code == code {
			return f.Message
		}
	}
	return ""
}
