package checks

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// foldWord is fold without origins: it must give the same key for every
// rune a token can hold and for real words.
func TestFoldWordIsFold(t *testing.T) {
	var words []string
	for r := rune(0x21); r < 0x2100; r++ {
		words = append(words, string(r))
	}
	words = append(words, "Intervención", "ÑANDÚ", "don't", "Mexico’s", "40\u00a0000", "1.º", "Ǆemal", "İstanbul", "ﬁn", "e\u0301")
	for _, w := range words {
		rs := []rune(w)
		if got, want := foldWord(rs), string(fold(rs, true).r); got != want {
			t.Errorf("foldWord(%q) = %q, fold gives %q", w, got, want)
		}
	}
}

// simpleTag must agree with language.Parse on the tags it accepts.
func TestSimpleTag(t *testing.T) {
	for _, tag := range []string{"es", "es-MX", "es_419", "en", "EN-us", "es-AR", "pt-BR", "zh", "de-DE", "es-419"} {
		b, r, ok := simpleTag(tag)
		if !ok {
			t.Errorf("simpleTag(%q) refused a simple tag", tag)
			continue
		}
		pt, err := language.Parse(tag)
		if err != nil {
			t.Fatal(err)
		}
		pb, _ := pt.Base()
		pr, conf := pt.Region()
		want := ""
		if conf == language.Exact {
			want = pr.String()
		}
		if b != pb.String() || r != want {
			t.Errorf("simpleTag(%q) = %q %q, Parse gives %q %q", tag, b, r, pb, want)
		}
	}
	for _, tag := range []string{"spa", "es-Latn-MX", "iw", "x", "es-M1", "es-MXX", "1s"} {
		if _, _, ok := simpleTag(tag); ok {
			t.Errorf("simpleTag(%q) accepted a tag it should leave to Parse", tag)
		}
	}
}

// The disclosure's shortcuts must agree with its pattern.
func TestDisclosureShortcuts(t *testing.T) {
	for _, pair := range [][2]string{{"es", "en"}, {"en", "es"}} {
		d := disclosureFor(pair[0], pair[1])
		if d == nil {
			t.Fatalf("no disclosure for %v", pair)
		}
		for _, s := range []string{
			"we won't, she said in spanish.", "she said in fluent spanish", "spanish-language remarks", "he spoke spanish",
			"translated from the spanish", "(translated)", "in translation", "within spanish", "in spanishes", "spanish",
			"dijo en ingles", "en declaraciones en ingles", "traducido del ingles", "(traduccion propia)", "ingles", "en inglesa",
			"main spanish", "in_spanish", "in spanish_", "", "in  spanish", "xin spanish", "in spanish9", "é in spanish",
		} {
			if got, want := d.MatchString(s), d.re.MatchString(s); got != want {
				t.Errorf("%v: MatchString(%q) = %v, the pattern says %v", pair, s, got, want)
			}
		}
	}
}

// TestFold: what fold makes of each kind of rune, and where each folded
// rune comes from.
func TestFold(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     string
		strip  bool
		want   string
		origin []int
	}{
		{"spaces fold to one, at the first, ends trimmed", "  a \t\n b  ", true, "a b", []int{2, 3, 7}},
		{"a no-break space is a space", "40\u00a0000", true, "40 000", []int{0, 1, 2, 3, 4, 5}},
		{"quotation marks", "“de” «x» ‘y’ `z´ „w‟ ＂v＇", true, `"de" "x" 'y' 'z' "w" "v'`, nil},
		{"dashes", "a—b – c−d‑e－f", true, "a-b - c-d-e-f", nil},
		{"the ellipsis is three dots, all from it", "Sí…", true, "si...", []int{0, 1, 2, 2, 2}},
		{"printable ASCII", "!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~", true, "!\"#$%&'()*+,-./09:;<=>?@az[\\]^_'az{|}~", nil},
		{"Latin letters lose their marks", "ÑANDÚ Intervención Ǆemal İstanbul ß", true, "nandu intervencion ǆemal istanbul ß", nil},
		{"Latin letters keep their marks", "ÑANDÚ Intervención Ǆemal", false, "ñandú intervención ǆemal", nil},
		{"a decomposed accent goes with its letter", "e\u0301x", true, "ex", []int{0, 2}},
		{"a decomposed accent kept", "e\u0301", false, "e\u0301", []int{0, 1}},
		{"Greek loses its tonos", "Ά", true, "α", nil},
		{"Greek keeps its tonos", "Ά", false, "ά", nil},
		{"Greek varia and oxia fold to the accents they decompose to", "\u1fef\u1ffd", true, "`´", []int{0, 1}},
		{"a compatibility ligature stays", "ﬁn", true, "ﬁn", nil},
		{"scripts without case stay", "主権", true, "主権", nil},
		{"nothing", "", true, "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := fold([]rune(c.in), c.strip)
			if string(f.r) != c.want {
				t.Errorf("fold(%q) = %q, want %q", c.in, string(f.r), c.want)
			}
			if len(f.origin) != len(f.r) {
				t.Fatalf("fold(%q): %d origins for %d runes", c.in, len(f.origin), len(f.r))
			}
			if c.origin != nil && !slices.Equal(f.origin, c.origin) {
				t.Errorf("fold(%q) origins = %v, want %v", c.in, f.origin, c.origin)
			}
		})
	}
}

// TestFoldIgnoresDecomposition: with marks stripped, a rune folds as its
// canonical decomposition does, so that the table of Latin letters gives
// what decomposing them would, for every rune below U+2100, alone and
// between others. Greek varia and oxia are the exception (see TestFold):
// they decompose to ` and ´, which fold as quotation marks.
func TestFoldIgnoresDecomposition(t *testing.T) {
	for r := rune(0); r < 0x2100; r++ {
		if r == '\u1fef' || r == '\u1ffd' {
			continue
		}
		for _, text := range []string{string(r), "A" + string(r) + "b " + string(r) + "'"} {
			got, want := fold([]rune(text), true), fold([]rune(norm.NFD.String(text)), true)
			if string(got.r) != string(want.r) {
				t.Fatalf("fold(%q) = %q, its decomposition folds to %q", text, string(got.r), string(want.r))
			}
		}
	}
}
