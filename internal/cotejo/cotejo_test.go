package cotejo_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// mustNormalize validates v, failing the test at once if it breaks a rule,
// and puts it in canonical form, as the workflow does before storing it.
func mustNormalize(t *testing.T, v interface {
	Validate() error
	Normalize()
}) {
	t.Helper()
	if err := v.Validate(); err != nil {
		t.Fatal(err)
	}
	v.Normalize()
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]string{"es": "es", "es-mx": "es-MX", "EN-us": "en-US", " pt-BR ": "pt-BR", "zh-Hant-TW": "zh-Hant-TW"} {
		got, err := cotejo.ParseLang("lang", in)
		if err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "  ", "english", "es_MX!", "x", "und", "es-\xff"} {
		if _, err := cotejo.ParseLang("lang", in); cotejo.ErrorCode(err) != cotejo.CodeInvalidLanguage && cotejo.ErrorCode(err) != cotejo.CodeInvalidUTF8 {
			t.Errorf("ParseLang(%q) = %v, want an invalid language error", in, err)
		}
	}
}

func TestArticleValidateAndNormalize(t *testing.T) {
	ok := cotejo.Article{Headline: " Cafe\u0301 ", Body: "Cafe\u0301", Language: "en-gb"}
	mustNormalize(t, &ok)
	if ok.Headline != "Café" || ok.Body != "Café" || ok.Language != "en-GB" || ok.Status != cotejo.ArticleDraft {
		t.Fatalf("normalized: %+v", ok)
	}
	for name, a := range map[string]cotejo.Article{
		"no headline":   {Headline: " ", Body: "b", Language: "en"},
		"bad utf8":      {Headline: "h\xc3", Body: "b", Language: "en"},
		"nul":           {Headline: "h", Body: "a\x00b", Language: "en"},
		"bad language":  {Headline: "h", Body: "b", Language: "??"},
		"bad status":    {Headline: "h", Body: "b", Language: "en", Status: "lost"},
		"long headline": {Headline: string(make([]rune, cotejo.MaxTitleLen+1)), Body: "b", Language: "en"},
	} {
		if err := a.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestQuoteValidate(t *testing.T) {
	q := cotejo.Quote{Original: cotejo.LangText{Text: "hola", Lang: "es"}, Rendering: cotejo.LangText{Text: "hello", Lang: "en"}}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]cotejo.MediaRange{"reversed": {Start: 9, End: 2}, "negative": {Start: -1, End: 2}, "nan": {Start: math.NaN(), End: 2}, "inf": {Start: 0, End: math.Inf(1)}} {
		q.Media = &m
		if err := q.Validate(); err == nil {
			t.Errorf("media %s accepted", name)
		}
	}
	q.Media = nil
	q.Rendering.Lang = "!!"
	if cotejo.ErrorCode(q.Validate()) != cotejo.CodeInvalidLanguage {
		t.Error("a bad rendering language was accepted")
	}
	if err := (cotejo.Span{Start: 2, End: 5}).Validate("a", 5); err != nil {
		t.Error(err)
	}
	for _, s := range []cotejo.Span{{Start: -1, End: 2}, {Start: 3, End: 2}, {Start: 0, End: 6}} {
		if (s).Validate("a", 5) == nil {
			t.Errorf("span %+v accepted", s)
		}
	}
}

func TestUserAndRoles(t *testing.T) {
	rs, err := cotejo.ParseRoles("Reviewer, editor,reviewer")
	if err != nil || len(rs) != 2 || rs[0] != cotejo.RoleReviewer {
		t.Fatalf("ParseRoles = %v, %v", rs, err)
	}
	if _, err := cotejo.ParseRoles("chief"); err == nil {
		t.Fatal("unknown role accepted")
	}
	// Surrounding spaces are forgiven (Normalize trims them); inner ones are not.
	if (&cotejo.User{Email: "Ana @Example.org", Name: "Ana", Roles: rs}).Validate() == nil {
		t.Fatal("an email with a space inside was accepted")
	}
	u := cotejo.User{Email: " Ana@Example.org ", Name: "Ana", Roles: rs}
	mustNormalize(t, &u)
	if u.Email != "ana@example.org" || !u.Has(cotejo.RoleEditor) || u.Has(cotejo.RoleAdmin) || !u.HasAny(cotejo.RoleAdmin, cotejo.RoleReviewer) {
		t.Fatalf("user: %+v", u)
	}
	for name, bad := range map[string]cotejo.User{
		"no roles":  {Email: "a@b.org", Name: "A"},
		"bad email": {Email: "not-an-email", Name: "A", Roles: rs},
		"no name":   {Email: "a@b.org", Name: "", Roles: rs},
		"bad lang":  {Email: "a@b.org", Name: "A", Roles: rs, Lang: "??"},
	} {
		if bad.Validate() == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

func TestTransitions(t *testing.T) {
	for _, c := range []struct {
		from, to cotejo.QuoteStatus
		ok       bool
	}{
		{cotejo.QuoteDraft, cotejo.QuoteTranslated, true},
		{cotejo.QuoteDraft, cotejo.QuoteVerified, false},
		{cotejo.QuoteTranslated, cotejo.QuoteVerified, true},
		{cotejo.QuoteTranslated, cotejo.QuoteApproved, false},
		{cotejo.QuoteVerified, cotejo.QuoteApproved, true},
		{cotejo.QuoteApproved, cotejo.QuoteNeedsReview, true},
		{cotejo.QuoteRejected, cotejo.QuoteDraft, true},
		{cotejo.QuoteRejected, cotejo.QuoteApproved, false},
	} {
		if got := cotejo.CanTransition(c.from, c.to); got != c.ok {
			t.Errorf("%s → %s: %v, want %v", c.from, c.to, got, c.ok)
		}
	}
	var n cotejo.QuoteCounts
	for _, s := range cotejo.QuoteStatuses {
		n.Add(s)
	}
	if n.Total != 6 || n.Of(cotejo.QuoteDraft) != 1 || n.Of(cotejo.QuoteNeedsReview) != 1 || n.Of(cotejo.QuoteRejected) != 1 {
		t.Fatalf("counts %+v", n)
	}
	// In JSON, one count per status of the table, named as the status.
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != len(cotejo.QuoteStatuses)+1 || m["total"] != 6 || m["needs_review"] != 1 {
		t.Fatalf("counts in JSON: %s", b)
	}
	var back cotejo.QuoteCounts
	if err := json.Unmarshal(b, &back); err != nil || back.Of(cotejo.QuoteRejected) != 1 || back.Total != 6 {
		t.Fatalf("counts read back: %+v, %v", back, err)
	}
}

func TestErrorCodes(t *testing.T) {
	err := cotejo.FieldError(cotejo.CodeInvalid, "title", "title is required.")
	if cotejo.ErrorCode(err) != cotejo.CodeInvalid || cotejo.ErrorMessage(err) != "title is required." {
		t.Fatal(err)
	}
	if cotejo.ErrorCode(nil) != "" || cotejo.ErrorCode(errPlain{}) != cotejo.CodeInternal {
		t.Fatal("codes of nil and foreign errors")
	}
	if cotejo.ErrorMessage(errPlain{}) == "secret detail" {
		t.Fatal("a foreign error's text must not reach users")
	}
}

type errPlain struct{}

func (errPlain) Error() string { return "secret detail" }
