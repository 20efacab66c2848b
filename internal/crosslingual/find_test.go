package crosslingual_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual"
)

// fixture is a short conference: the rendering's numbers, names and
// cognates are enough to find its remarks without any tool.
const fixture = `PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días. Hoy hablamos de la frontera.

Enviamos 10 mil elementos de la Guardia Nacional a la frontera norte, y se aseguraron mil 200 kilos de fentanilo.

Las remesas sumaron 64 mil 700 millones de dólares el año pasado.

PREGUNTA: ¿Y la soberanía, Presidenta?

PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: No aceptamos ninguna intervención extranjera. Cooperación sí, subordinación no.

SECRETARIO DE ECONOMÍA, MARCELO EBRARD CASAUBON: Exportamos 182 mil millones de dólares en vehículos.

PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Y lo repito: enviamos 10 mil elementos de la Guardia Nacional a la frontera norte.`

func find(t *testing.T, src *crosslingual.Source, rendering string) crosslingual.Result {
	t.Helper()
	res, err := src.Find(context.Background(), crosslingual.Query{Rendering: rendering, Max: 5})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestQuickFinds(t *testing.T) {
	src := crosslingual.Quick(fixture)
	res := find(t, src, `"We sent 10,000 National Guard troops to the northern border," Sheinbaum said.`)
	if res.Prepared || res.Method != crosslingual.MethodBasic {
		t.Errorf("prepared %v, method %q", res.Prepared, res.Method)
	}
	// Said twice: both places, both strong, best first.
	var places []string
	for _, c := range res.Candidates {
		if c.Strength == crosslingual.Strong {
			places = append(places, c.Exact)
		}
	}
	if len(places) != 2 || !strings.HasPrefix(places[0], "Enviamos 10 mil") && !strings.HasPrefix(places[0], "enviamos 10 mil") {
		t.Fatalf("said twice: strong candidates %q", places)
	}
	c := res.Candidates[0]
	text := []rune(src.Text())
	if string(text[c.Start:c.End]) != c.Exact || c.Speaker != "Claudia Sheinbaum Pardo" {
		t.Errorf("candidate %+v", c)
	}
	if len(c.Matched) == 0 || c.Context.Before == "" && c.Context.After == "" {
		t.Errorf("no matched words or context: %+v", c)
	}
	for i := 1; i < len(res.Candidates); i++ {
		if res.Candidates[i].Score > res.Candidates[i-1].Score {
			t.Errorf("not best first: %v", res.Candidates)
		}
		for j := range i {
			a, b := res.Candidates[i], res.Candidates[j]
			if a.Start < b.End && b.Start < a.End {
				t.Errorf("overlapping candidates %q and %q", a.Exact, b.Exact)
			}
		}
	}
	// Numbers in Mexican conventions, trimmed to the quoted part.
	res = find(t, src, `Remittances totaled $64.7 billion last year, Sheinbaum said.`)
	if len(res.Candidates) == 0 || !strings.Contains(res.Candidates[0].Exact, "64 mil 700 millones") {
		t.Errorf("remittances: %+v", res.Candidates)
	}
	// The speaker named by the narration is preferred.
	res = find(t, src, `Mexico exported $182 billion in vehicles, Ebrard said.`)
	if len(res.Candidates) == 0 || res.Candidates[0].Speaker != "Marcelo Ebrard Casaubon" {
		t.Errorf("Ebrard: %+v", res.Candidates)
	}
}

func TestAbsentIsNotStrong(t *testing.T) {
	src := crosslingual.Quick(fixture)
	for _, r := range []string{
		`"We will impose 50% tariffs on American steel," Sheinbaum said.`,
		`The president announced a new oil refinery in Campeche.`,
	} {
		for _, c := range find(t, src, r).Candidates {
			if c.Strength == crosslingual.Strong {
				t.Errorf("%s: strong candidate %q (%.3f)", r, c.Exact, c.Score)
			}
		}
	}
}

func TestNarrationIsNotSearched(t *testing.T) {
	src := crosslingual.Quick(fixture)
	// The narration names the deployment; the quotation is about
	// sovereignty: the quotation decides.
	res := find(t, src, `Asked about the 10,000 National Guard troops at the border, Sheinbaum said: "Cooperation yes, subordination no."`)
	if len(res.Candidates) == 0 || !strings.Contains(res.Candidates[0].Exact, "subordinación") {
		t.Fatalf("the quotation did not decide: %+v", res.Candidates)
	}
}

func TestOffsetsAreNFCCodePoints(t *testing.T) {
	decomposed := norm.NFD.String(fixture)
	src := crosslingual.Quick(decomposed)
	if src.Text() != norm.NFC.String(fixture) {
		t.Fatal("the text is not NFC")
	}
	res := find(t, src, `Mexico exported $182 billion in vehicles, Ebrard said.`)
	c := res.Candidates[0]
	prefix := string([]rune(src.Text())[:c.Start])
	if i := strings.Index(src.Text(), c.Exact); i < 0 || utf8.RuneCountInString(src.Text()[:i]) != c.Start || prefix+c.Exact != src.Text()[:len(prefix)+len(c.Exact)] {
		t.Errorf("offsets %d–%d do not locate %q", c.Start, c.End, c.Exact)
	}
}

func TestBadInput(t *testing.T) {
	src := crosslingual.Quick(fixture)
	for name, tc := range map[string]struct {
		q    crosslingual.Query
		code cotejo.Code
	}{
		"empty":          {crosslingual.Query{Rendering: "  \n"}, cotejo.CodeInvalid},
		"no words":       {crosslingual.Query{Rendering: "“…” — !!"}, cotejo.CodeInvalid},
		"control":        {crosslingual.Query{Rendering: "tariffs\x01\x02"}, cotejo.CodeInvalid},
		"nul":            {crosslingual.Query{Rendering: "tariffs\x00"}, cotejo.CodeInvalid},
		"not utf-8":      {crosslingual.Query{Rendering: "tariffs \xff"}, cotejo.CodeInvalidUTF8},
		"huge":           {crosslingual.Query{Rendering: strings.Repeat("tariffs ", crosslingual.MaxRendering)}, cotejo.CodeTooLarge},
		"bad tag":        {crosslingual.Query{Rendering: "We sent troops.", Lang: "english!"}, cotejo.CodeInvalidLanguage},
		"spanish":        {crosslingual.Query{Rendering: "Enviamos elementos.", Lang: "es-MX"}, cotejo.CodeUnsupportedLang},
		"french":         {crosslingual.Query{Rendering: "Nous avons envoyé des troupes.", Lang: "fr"}, cotejo.CodeUnsupportedLang},
		"reads spanish":  {crosslingual.Query{Rendering: "Enviamos los elementos de la Guardia a la frontera y que es muy importante para el país.", Lang: "en"}, cotejo.CodeUnsupportedLang},
		"too many asked": {crosslingual.Query{Rendering: "We sent troops.", Max: 11}, cotejo.CodeInvalid},
		"negative max":   {crosslingual.Query{Rendering: "We sent troops.", Max: -1}, cotejo.CodeInvalid},
	} {
		_, err := src.Find(context.Background(), tc.q)
		if got := cotejo.ErrorCode(err); got != tc.code {
			t.Errorf("%s: %v (code %q), want code %q", name, err, got, tc.code)
		}
	}
	// English naming a Spanish law is English.
	if _, err := src.Find(context.Background(), crosslingual.Query{Rendering: `"The Ley de Seguridad y Protección de la Guardia Nacional was approved," she said.`}); err != nil {
		t.Errorf("an English rendering naming a Spanish law: %v", err)
	}
	// An empty source answers with no candidates.
	if res, err := crosslingual.Quick("").Find(context.Background(), crosslingual.Query{Rendering: "We sent troops."}); err != nil || len(res.Candidates) != 0 {
		t.Errorf("empty source: %+v, %v", res, err)
	}
	// At most MaxCandidates, and the default when none is asked.
	res, err := src.Find(context.Background(), crosslingual.Query{Rendering: "border troops fentanyl sovereignty intervention vehicles remittances"})
	if err != nil || len(res.Candidates) > crosslingual.DefaultCandidates {
		t.Errorf("default: %d candidates, %v", len(res.Candidates), err)
	}
}

// fakeLexicon is a tiny bilingual lexicon, to test what a prepared source
// keeps and how it is stored without Apertium (its own tests use the real one).
type fakeLexicon struct{ calls int }

func (f *fakeLexicon) Name() string { return "test lexicon" }
func (f *fakeLexicon) Spanish(_ context.Context, forms []string) (map[string]crosslingual.Entry, error) {
	f.calls++
	dict := map[string]crosslingual.Entry{
		"aceptamos":    {Lemmas: []string{"aceptar"}, Translations: []string{"accept"}},
		"intervención": {Lemmas: []string{"intervención"}, Translations: []string{"intervention"}},
		"extranjera":   {Lemmas: []string{"extranjero"}, Translations: []string{"foreign"}},
		"frontera":     {Lemmas: []string{"frontera"}, Translations: []string{"border"}},
	}
	out := map[string]crosslingual.Entry{}
	for _, f := range forms {
		if e, ok := dict[f]; ok {
			out[f] = e
		}
	}
	return out, nil
}
func (f *fakeLexicon) English(_ context.Context, forms []string) (map[string]crosslingual.Entry, error) {
	return map[string]crosslingual.Entry{}, nil
}

type failingTranslator struct{}

func (failingTranslator) Translate(context.Context, []string, string, string) ([]string, error) {
	return nil, errors.New("no server")
}

func TestPrepareAndStore(t *testing.T) {
	lex := &fakeLexicon{}
	var steps []int
	src, err := crosslingual.Prepare(context.Background(), fixture, crosslingual.Options{
		Lexicon: lex, Translator: failingTranslator{},
		Progress: func(done, total int) { steps = append(steps, done*10+total) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if lex.calls != 1 || len(steps) != 4 || steps[3] != 44 {
		t.Errorf("lexicon calls %d, progress %v", lex.calls, steps)
	}
	// A failing translator leaves the translation out and fails nothing.
	if !src.Prepared() || src.Method() != "lexicon" {
		t.Errorf("prepared %v, method %q", src.Prepared(), src.Method())
	}
	r := `"We do not accept any foreign intervention," Sheinbaum said.`
	want := find(t, src, r)
	if len(want.Candidates) == 0 || want.Candidates[0].Strength != crosslingual.Strong || !want.Prepared || want.Method != "lexicon" {
		t.Fatalf("prepared source: %+v", want)
	}

	data, err := json.Marshal(src)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil || doc["version"] != float64(crosslingual.FormatVersion) || doc["text_sha256"] != crosslingual.TextHash(fixture) {
		t.Fatalf("stored form: %s", data)
	}
	loaded, err := crosslingual.Load(fixture, data)
	if err != nil {
		t.Fatal(err)
	}
	got := find(t, loaded, r)
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Errorf("loaded source answers otherwise:\n%s\n%s", a, b)
	}
	again, _ := json.Marshal(loaded)
	if string(again) != string(data) {
		t.Error("the stored form does not survive a round trip")
	}
	// Another text, another version, or no stored form at all.
	if _, err := crosslingual.Load(fixture+" Gracias.", data); !errors.Is(err, crosslingual.ErrStale) {
		t.Errorf("changed text: %v", err)
	}
	old := strings.Replace(string(data), `"version":1`, `"version":0`, 1)
	if _, err := crosslingual.Load(fixture, []byte(old)); !errors.Is(err, crosslingual.ErrStale) {
		t.Errorf("old version: %v", err)
	}
	for _, bad := range []string{"", "{}", "[1,2]", `{"format":"other"}`} {
		if _, err := crosslingual.Load(fixture, []byte(bad)); err == nil || errors.Is(err, crosslingual.ErrStale) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if crosslingual.TextHash(norm.NFD.String(fixture)) != crosslingual.TextHash(fixture) {
		t.Error("the hash depends on the normalization form")
	}
}

func TestGlossary(t *testing.T) {
	text := "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: La mañanera de hoy es corta. Hablamos del huachicol en Hidalgo.\n\n" +
		"Hablamos también del Tren Maya y de su ruta."
	base := crosslingual.Quick(text)
	r := `"Today's morning press conference is short," Sheinbaum said.`
	before := find(t, base, r)
	withTerms := base.WithGlossary([]crosslingual.Term{{Spanish: "mañanera", English: "morning press conference"}, {Spanish: "", English: "x"}})
	after := find(t, withTerms, r)
	if after.Method != crosslingual.MethodBasic+"+glossary" || before.Method != crosslingual.MethodBasic {
		t.Errorf("methods %q, %q", before.Method, after.Method)
	}
	if len(after.Candidates) == 0 || !strings.Contains(after.Candidates[0].Exact, "mañanera") || after.Candidates[0].Strength != crosslingual.Strong {
		t.Fatalf("with the glossary: %+v", after.Candidates)
	}
	if len(before.Candidates) > 0 && before.Candidates[0].Score >= after.Candidates[0].Score {
		t.Errorf("the glossary did not help: %v then %v", before.Candidates[0].Score, after.Candidates[0].Score)
	}
	var via []string
	for _, m := range after.Candidates[0].Matched {
		via = append(via, m.Via)
	}
	if !strings.Contains(strings.Join(via, " "), "glossary") {
		t.Errorf("matched by %v", via)
	}
	// The source itself is left as it was.
	if again := find(t, base, r); again.Method != crosslingual.MethodBasic {
		t.Errorf("WithGlossary changed the source: %q", again.Method)
	}
}
