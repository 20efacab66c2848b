package anchor

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runeSlice returns the code points [start:end] of the NFC form of text.
func runeSlice(text string, start, end int) string {
	return string([]rune(NFC(text))[start:end])
}

func TestLocateDemo(t *testing.T) {
	larazon := readTestdata(t, "larazon.txt")
	tribuna := readTestdata(t, "tribuna.txt")
	es := OptionsFor("es-MX")
	tests := []struct {
		name      string
		text      string
		quote     string
		wantExact string
		wantKinds []Kind // acceptable kinds of the first candidate
	}{
		{
			name:      "exact",
			text:      larazon,
			quote:     "nosotros no queremos intervención de ningún gobierno extranjero",
			wantExact: "nosotros no queremos intervención de ningún gobierno extranjero",
			wantKinds: []Kind{Exact},
		},
		{
			name:      "straight quotes, no accents",
			text:      larazon,
			quote:     `"nosotros no queremos intervencion de ningun gobierno extranjero"`,
			wantExact: "nosotros no queremos intervención de ningún gobierno extranjero",
			wantKinds: []Kind{Normalized},
		},
		{
			name:      "no accents, no comma",
			text:      larazon,
			quote:     "Hay colaboracion y coordinacion pero ni hay subordinacion",
			wantExact: "Hay colaboración y coordinación, pero ni hay subordinación",
			wantKinds: []Kind{Normalized, Approximate},
		},
		{
			name:      "upper case, line break, curly quotes",
			text:      larazon,
			quote:     "“NO ACEPTAMOS una intervención\nde ningún gobierno”",
			wantExact: "no aceptamos una intervención de ningún gobierno",
			wantKinds: []Kind{Normalized},
		},
		{
			name:      "typos",
			text:      larazon,
			quote:     "Se lo he dicho por telefno, lo hemos dicho con Marcos Rubio",
			wantExact: "Se lo he dicho por teléfono, lo hemos dicho con Marco Rubio",
			wantKinds: []Kind{Approximate},
		},
		{
			name:      "nested single quotes folded",
			text:      larazon,
			quote:     "'les ofrecemos una intervencion militar de Estados Unidos en Mexico",
			wantExact: "les ofrecemos una intervención militar de Estados Unidos en México",
			wantKinds: []Kind{Normalized},
		},
		{
			name:      "short source",
			text:      tribuna,
			quote:     "No aceptamos una intervencion de ningun gobierno extranjero.",
			wantExact: "No aceptamos una intervención de ningún gobierno extranjero",
			wantKinds: []Kind{Approximate},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Locate(tt.text, tt.quote, es, 3)
			if len(cs) == 0 {
				t.Fatalf("Locate(%q) found nothing", tt.quote)
			}
			c := cs[0]
			if c.Exact != tt.wantExact {
				t.Errorf("Exact = %q, want %q", c.Exact, tt.wantExact)
			}
			if !slices.Contains(tt.wantKinds, c.Kind) {
				t.Errorf("Kind = %s, want one of %v", c.Kind, tt.wantKinds)
			}
			if got := runeSlice(tt.text, c.Start, c.End); got != c.Exact {
				t.Errorf("text[%d:%d] = %q, but Exact = %q", c.Start, c.End, got, c.Exact)
			}
			checkCandidates(t, tt.text, tt.quote, es, cs)
		})
	}
}

// checkCandidates asserts the invariants every result of Locate keeps.
func checkCandidates(t testing.TB, text, quote string, opt Options, cs []Candidate) {
	t.Helper()
	nfc := []rune(NFC(text))
	fq := foldString(trimQuote(NFC(quote)), opt)
	k := MaxEdits(utf8.RuneCountInString(fq))
	for i, c := range cs {
		if c.Start < 0 || c.Start > c.End || c.End > len(nfc) {
			t.Fatalf("candidate %d: span [%d, %d) out of [0, %d]", i, c.Start, c.End, len(nfc))
		}
		if got := string(nfc[c.Start:c.End]); got != c.Exact {
			t.Errorf("candidate %d: Exact %q, text there %q", i, c.Exact, got)
		}
		switch c.Kind {
		case Exact, Normalized:
			if got := foldString(c.Exact, opt); got != fq {
				t.Errorf("candidate %d (%s): folded %q, folded quote %q", i, c.Kind, got, fq)
			}
			if c.Edits != 0 {
				t.Errorf("candidate %d (%s): Edits = %d", i, c.Kind, c.Edits)
			}
		case Approximate:
			if c.Edits > k {
				t.Errorf("candidate %d: %d edits, bound %d", i, c.Edits, k)
			}
			if d := Levenshtein([]rune(foldString(c.Exact, opt)), []rune(fq)); d != c.Edits {
				t.Errorf("candidate %d: Edits = %d, but the folded texts are %d edits apart", i, c.Edits, d)
			}
		default:
			t.Errorf("candidate %d: kind %q", i, c.Kind)
		}
		for j, d := range cs[:i] {
			if c.Start < d.End && d.Start < c.End {
				t.Errorf("candidates %d and %d overlap: [%d,%d) [%d,%d)", j, i, d.Start, d.End, c.Start, c.End)
			}
			if d.Score < c.Score {
				t.Errorf("candidates %d and %d not best first: scores %v < %v", j, i, d.Score, c.Score)
			}
		}
	}
}

var locateTests = []struct {
	name  string
	text  string
	quote string
	max   int
	want  []Candidate // Start, End, Kind, Edits compared
}{
	{"empty quote", "hola", "", 3, nil},
	{"whitespace quote", "hola", " \n\t\u00a0", 3, nil},
	{"only quotation marks", `he said "" twice`, `“”`, 3, nil},
	{"max zero", "hola", "hola", 0, nil},
	{"no match, no wild guess", "El gobierno anunció nuevas medidas económicas.", "completely unrelated English sentence", 3, nil},
	{"short quote: no approximate search", "la casa roja", "cosa", 3, nil},
	{
		"all occurrences, exact first then normalized",
		"Ni un paso atrás. Dijo: ni un paso atras. Y otra vez: Ni un paso atrás.",
		"Ni un paso atrás", 5,
		[]Candidate{
			{Start: 0, End: 16, Kind: Exact},
			{Start: 54, End: 70, Kind: Exact},
			{Start: 24, End: 40, Kind: Normalized},
		},
	},
	{
		"max limits the occurrences",
		"abc abc abc abc", "abc", 2,
		[]Candidate{{Start: 0, End: 3, Kind: Exact}, {Start: 4, End: 7, Kind: Exact}},
	},
	{
		"decomposed text, offsets in NFC",
		"Dijo: intervencio\u0301n extranjera", "intervención extranjera", 1,
		[]Candidate{{Start: 6, End: 29, Kind: Exact}},
	},
	{
		"whitespace runs in text",
		"uno\u00a0dos\r\n  tres cuatro", "uno dos tres", 1,
		[]Candidate{{Start: 0, End: 15, Kind: Normalized}},
	},
	{
		"approximate trims to words",
		"Primero. La soberanía no se negocia con nadie. Fin.", "la soberania no se negosia con nadie", 3,
		[]Candidate{{Start: 9, End: 45, Kind: Approximate, Edits: 1}},
	},
	{
		"approximate candidates best first",
		"El pueblo no se rinde jamás. Luego: el pueblo nunca se rinde jamás. Y: el pueblo no se rinde jamas.",
		"el pueblo no se rinde nunca", 5,
		[]Candidate{
			{Start: 0, End: 27, Kind: Approximate, Edits: 5},
			{Start: 71, End: 98, Kind: Approximate, Edits: 5},
		},
	},
	{
		"beyond the 15% bound",
		"La presidenta rechazó la intervención militar extranjera.", "el presidente acepto la invasion militar", 3, nil,
	},
	{
		"ñ is a letter in Spanish",
		"El año pasado.", "el ano pasado", 1,
		[]Candidate{{Start: 0, End: 13, Kind: Normalized}},
	},
	{
		"long quote over 64 code points with typos",
		strings.Repeat("Relleno sin importancia alguna. ", 5) + "Nosotros no aceptamos una intervención de ningún gobierno extranjero, se lo he dicho por teléfono." + strings.Repeat(" Más relleno.", 5),
		"nosotros no aseptamos una intervencion de ningun govierno extrangero se lo he dicho por telefono", 1,
		[]Candidate{{Start: 160, End: 257, Kind: Approximate, Edits: 4}},
	},
}

func TestLocate(t *testing.T) {
	none := Options{}
	for _, tt := range locateTests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(tt.text, none)
			cs := ix.Locate(tt.quote, tt.max)
			checkCandidates(t, tt.text, tt.quote, none, cs)
			if len(cs) != len(tt.want) {
				t.Fatalf("got %d candidates %+v, want %d", len(cs), cs, len(tt.want))
			}
			for i, w := range tt.want {
				c := cs[i]
				if c.Start != w.Start || c.End != w.End || c.Kind != w.Kind || c.Edits != w.Edits {
					t.Errorf("candidate %d = [%d,%d) %s edits %d %q, want [%d,%d) %s edits %d %q",
						i, c.Start, c.End, c.Kind, c.Edits, c.Exact, w.Start, w.End, w.Kind, w.Edits, runeSlice(tt.text, w.Start, w.End))
				}
			}
		})
	}
}

func TestLocateEnyeOptions(t *testing.T) {
	text := "Se habló del año fiscal."
	if cs := NewIndex(text, Options{KeepEnye: true}).Locate("del ano fiscal", 1); len(cs) != 1 || cs[0].Kind != Approximate || cs[0].Edits != 1 {
		t.Errorf("KeepEnye: want one approximate candidate with 1 edit, got %+v", cs)
	}
	if cs := NewIndex(text, Options{}).Locate("del ano fiscal", 1); len(cs) != 1 || cs[0].Kind != Normalized {
		t.Errorf("without KeepEnye: want a normalized candidate, got %+v", cs)
	}
}

func TestScore(t *testing.T) {
	text := "Nosotros no aceptamos una intervención de ningún gobierno extranjero."
	ix := NewIndex(text, Options{})
	tests := []struct {
		quote string
		kind  Kind
		score float64
	}{
		{"no aceptamos", Exact, 1},
		{"NO aceptamos", Normalized, 0.99},
		// 1 edit in 20 code points.
		{"una intervencion dde", Approximate, 1 - 1.0/20},
		// 1 edit in 69 code points would score 0.9855: capped below normalized.
		{"nosotros no aceptamos una intervencion de ningun gobierno extranjeros", Approximate, 0.98},
	}
	for _, tt := range tests {
		cs := ix.Locate(tt.quote, 1)
		if len(cs) != 1 || cs[0].Kind != tt.kind || cs[0].Score != tt.score {
			t.Errorf("Locate(%q) = %+v, want kind %s score %v", tt.quote, cs, tt.kind, tt.score)
		}
	}
}

func TestLocateCacheConcurrent(t *testing.T) {
	larazon := readTestdata(t, "larazon.txt")
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			text := larazon
			if i%2 == 1 {
				text += " variante"
			}
			cs := Locate(text, "ellos intervendrian", OptionsFor("es"), 1)
			if len(cs) != 1 || cs[0].Exact != "ellos intervendrían" {
				t.Errorf("goroutine %d: got %+v", i, cs)
			}
		})
	}
	wg.Wait()
}

func TestIndexCacheBounds(t *testing.T) {
	c := newIndexCache(3, 1<<20)
	texts := []string{"uno", "dos", "tres", "cuatro"}
	first := c.get(texts[0], Options{})
	if c.get(texts[0], Options{}) != first {
		t.Error("a cached text was folded again")
	}
	if c.get(texts[0], Options{KeepEnye: true}) == first {
		t.Error("options are not part of the key")
	}
	for _, s := range texts[1:] {
		c.get(s, Options{})
	}
	if c.lru.Len() != 3 {
		t.Errorf("cache holds %d entries, want 3", c.lru.Len())
	}
	if c.get(texts[0], Options{}) == first {
		t.Error("least recently used entry was not evicted")
	}

	small := newIndexCache(10, 10)
	small.get("0123456789", Options{})
	small.get("abcdefghij", Options{})
	if small.lru.Len() != 1 || small.bytes != 10 {
		t.Errorf("byte bound: %d entries, %d bytes, want 1 entry of 10 bytes", small.lru.Len(), small.bytes)
	}
}

func TestLocateRepeatedPassage(t *testing.T) {
	// A passage repeated many times, each a one-edit match: the first max
	// in text order, without resolving every repetition.
	passage := "Nosotros no aceptamos una intervención de ningún gobierno extranjero, se lo he dicho por teléfono. "
	text := strings.Repeat(passage, 500)
	quote := "nosotros no aceptamos una intervencion de ningun gobierno extranjero se lo he dicho por telefono"
	cs := NewIndex(text, Options{}).Locate(quote, 3)
	checkCandidates(t, text, quote, Options{}, cs)
	n := utf8.RuneCountInString(passage)
	if len(cs) != 3 {
		t.Fatalf("got %d candidates, want 3", len(cs))
	}
	for i, c := range cs {
		if c.Kind != Approximate || c.Edits != 1 || c.Start != i*n {
			t.Errorf("candidate %d = %s edits %d at %d, want approximate edits 1 at %d", i, c.Kind, c.Edits, c.Start, i*n)
		}
	}
}

// TestLocateKeepsTheSourcesMarks: a quote typed between quotation marks is
// located with the source's own marks at both ends, whatever their style;
// typed without marks, or where the source has a mark on one side only,
// the span is the words alone.
func TestLocateKeepsTheSourcesMarks(t *testing.T) {
	for _, tt := range []struct {
		name, text, quote, want string
		kind                    Kind
	}{
		{"guillemets for straight marks", `Dijo: «no lo vamos a pedir» y se fue.`, `"no lo vamos a pedir"`, "«no lo vamos a pedir»", Normalized},
		{"curly for curly", `Dijo: “no lo vamos a pedir” y se fue.`, `“no lo vamos a pedir”`, "“no lo vamos a pedir”", Exact},
		{"straight for curly", `Dijo: "no lo vamos a pedir", y se fue.`, `“no lo vamos a pedir”`, `"no lo vamos a pedir"`, Normalized},
		{"typed without marks", `Dijo: «no lo vamos a pedir» y se fue.`, `no lo vamos a pedir`, "no lo vamos a pedir", Exact},
		{"a mark on one side only", `porque no lo vamos a pedir”. Y luego`, `"no lo vamos a pedir"`, "no lo vamos a pedir", Exact},
		{"an apostrophe is not a mark", `l'no lo vamos a pedir' dijo`, `'no lo vamos a pedir'`, "no lo vamos a pedir", Exact},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Locate(tt.text, tt.quote, OptionsFor("es"), 1)
			if len(got) != 1 || got[0].Exact != tt.want || got[0].Kind != tt.kind {
				t.Fatalf("Locate(%q) = %+v, want %q (%s)", tt.quote, got, tt.want, tt.kind)
			}
			if r := []rune(tt.text); string(r[got[0].Start:got[0].End]) != tt.want {
				t.Fatalf("offsets [%d,%d) hold %q", got[0].Start, got[0].End, string(r[got[0].Start:got[0].End]))
			}
		})
	}
}
