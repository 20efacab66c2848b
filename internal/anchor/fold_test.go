package anchor

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestOptionsFor(t *testing.T) {
	tests := []struct {
		lang string
		want bool
	}{
		{"es", true},
		{"es-MX", true},
		{"ES_mx", true},
		{"spa", true},
		{"en", false},
		{"pt-BR", false},
		{"", false},
		{"not a tag", false},
	}
	for _, tt := range tests {
		if got := OptionsFor(tt.lang).KeepEnye; got != tt.want {
			t.Errorf("OptionsFor(%q).KeepEnye = %v, want %v", tt.lang, got, tt.want)
		}
	}
}

func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"intervencio\u0301n", "intervención"},
		{"intervención", "intervención"},
		{"a\xffb", "a\uFFFDb"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NFC(tt.in); got != tt.want {
			t.Errorf("NFC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var foldTests = []struct {
	name string
	in   string
	opt  Options
	want string
}{
	{"case and accents", "Intervención ÁÉÍÓÚ Ü ç", Options{}, "intervencion aeiou u c"},
	{"enye folded without KeepEnye", "Año Ñandú", Options{}, "ano nandu"},
	{"enye kept with KeepEnye", "Año Ñandú", Options{KeepEnye: true}, "año ñandu"},
	{"NFD input", "intervencio\u0301n An\u0303o", Options{KeepEnye: true}, "intervencion año"},
	{"double quotes", "“a” „b‟ «c» \"d\" 「e」 『f』", Options{}, `"a" "b" "c" "d" "e" "f"`},
	{"single quotes", "‘a’ ‚b‛ ‹c› 'd'", Options{}, `"a" "b" "c" "d"`},
	{"apostrophes", "don’t don't", Options{}, `don"t don"t`},
	{"dashes", "a‐b‑c‒d–e—f―g−h-i", Options{}, "a-b-c-d-e-f-g-h-i"},
	{"whitespace runs", " a\u00a0\u2009b\r\n\tc  ", Options{}, " a b c "},
	{"sharp s expands", "Straße", Options{}, "strasse"},
	{"ligature and fullwidth", "ﬁn ＡＢ", Options{}, "fin ab"},
	{"ellipsis", "pero…", Options{}, "pero..."},
	{"invisible format characters dropped", "inter\u00advención\u200b", Options{}, "intervencion"},
	{"spacing accent kept", "a¨b", Options{}, "a¨b"},
	{"greek and cyrillic", "ΆΣ Жё", Options{}, "ασ же"},
	{"empty", "", Options{}, ""},
}

func TestFold(t *testing.T) {
	for _, tt := range foldTests {
		t.Run(tt.name, func(t *testing.T) {
			f := Fold(tt.in, tt.opt)
			if got := f.String(); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if f.Len() != utf8.RuneCountInString(tt.want) {
				t.Errorf("Len() = %d, want %d", f.Len(), utf8.RuneCountInString(tt.want))
			}
			if nfd := Fold(norm.NFD.String(tt.in), tt.opt).String(); nfd != tt.want {
				t.Errorf("Fold(NFD(%q)) = %q, want %q", tt.in, nfd, tt.want)
			}
		})
	}
}

func TestOriginalSpan(t *testing.T) {
	// The NFC original: "Dijo:  “Straße”\u00adno" — offsets in code points.
	text := "Dijo:  “Straße”\u00adno"
	f := Fold(text, Options{})
	if got, want := f.String(), `dijo: "strasse"no`; got != want {
		t.Fatalf("Fold = %q, want %q", got, want)
	}
	runes := []rune(NFC(text))
	tests := []struct {
		name       string
		fs, fe     int
		start, end int
	}{
		{"whole", 0, 17, 0, len(runes)},
		{"a word", 0, 4, 0, 4},
		{"collapsed space covers the run", 5, 6, 5, 7},
		{"quote mark", 6, 7, 7, 8},
		{"expansion: both s", 11, 13, 12, 13},
		{"expansion cut in half covers the code point", 11, 12, 12, 13},
		{"dropped soft hyphen stays with the code point before", 14, 15, 14, 16},
		{"empty", 3, 3, 3, 3},
		{"clamped", -5, 99, 0, len(runes)},
		{"reversed is empty", 4, 2, 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := f.OriginalSpan(tt.fs, tt.fe)
			if s != tt.start || e != tt.end {
				t.Errorf("OriginalSpan(%d, %d) = (%d, %d) %q, want (%d, %d) %q",
					tt.fs, tt.fe, s, e, string(runes[s:e]), tt.start, tt.end, string(runes[tt.start:tt.end]))
			}
		})
	}
}

func TestRuneOffsets(t *testing.T) {
	s := ""
	for i := range 300 {
		if i%7 == 0 {
			s += "ñ"
		} else if i%11 == 0 {
			s += "𝄞"
		} else {
			s += "a"
		}
	}
	o := newRuneOffsets(s)
	if o.n != 300 {
		t.Fatalf("n = %d, want 300", o.n)
	}
	r := 0
	for b := range s {
		if got := o.runeOf(b); got != r {
			t.Fatalf("runeOf(%d) = %d, want %d", b, got, r)
		}
		if got := o.byteOf(r); got != b {
			t.Fatalf("byteOf(%d) = %d, want %d", r, got, b)
		}
		r++
	}
	if o.byteOf(300) != len(s) || o.runeOf(len(s)) != 300 {
		t.Errorf("end offsets wrong: byteOf(300)=%d runeOf(len)=%d", o.byteOf(300), o.runeOf(len(s)))
	}
}
