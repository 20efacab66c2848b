package checks

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

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

// foldReference is fold as it was written before its fast paths: the
// definition the fast paths must keep.
func foldReference(src []rune, stripMarks bool) folded {
	f := folded{}
	add := func(r rune, i int) {
		f.r = append(f.r, r)
		f.origin = append(f.origin, i)
	}
	pendingSpace := -1
	for i, r := range src {
		if unicode.IsSpace(r) {
			if pendingSpace < 0 && len(f.r) > 0 {
				pendingSpace = i
			}
			continue
		}
		if pendingSpace >= 0 {
			add(' ', pendingSpace)
			pendingSpace = -1
		}
		if q, ok := foldQuote(r); ok {
			add(q, i)
			continue
		}
		if isDash(r) {
			add('-', i)
			continue
		}
		if r == '…' {
			add('.', i)
			add('.', i)
			add('.', i)
			continue
		}
		if r < utf8.RuneSelf || !stripMarks {
			add(unicode.ToLower(r), i)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				add(unicode.ToLower(d), i)
			}
		}
	}
	return f
}

func TestFoldKeepsItsDefinition(t *testing.T) {
	var all []rune
	for r := rune(0); r < 0x2100; r++ {
		all = append(all, r, ' ', r, 'A')
	}
	texts := [][]rune{all, []rune("  Intervención — “de ningún” gobierno…  \\n\\t ÑANDÚ don't 40\u00a0000 "), nil}
	for _, src := range texts {
		for _, strip := range []bool{true, false} {
			got, want := fold(src, strip), foldReference(src, strip)
			if string(got.r) != string(want.r) || !slices.Equal(got.origin, want.origin) {
				t.Fatalf("fold(strip=%v) differs from its definition", strip)
			}
		}
	}
}
