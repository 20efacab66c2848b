package i18n_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/locales"
)

func load(t *testing.T) *i18n.Bundle {
	t.Helper()
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCatalogsComplete fails when a locale lacks a message another has, or
// leaves one untranslated, or when the UI uses a key no catalog has.
func TestCatalogsComplete(t *testing.T) {
	b := load(t)
	keys := map[language.Tag]map[string]string{}
	for _, tag := range b.Languages() {
		keys[tag] = map[string]string{}
		for _, m := range b.File(tag).Messages {
			k := m.Key
			if k == "" {
				k = m.ID
			}
			if strings.TrimSpace(m.Translation.String()) == "" {
				t.Errorf("%s: %q has no translation", tag, k)
			}
			keys[tag][k] = m.Translation.String()
		}
	}
	en := keys[language.English]
	for tag, ks := range keys {
		for k := range en {
			if _, ok := ks[k]; !ok {
				t.Errorf("%s lacks %q", tag, k)
			}
		}
		for k := range ks {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %q, which English lacks", tag, k)
			}
		}
	}
	// Every key the templates pass to .T is in the catalogs.
	root := filepath.Join("..", "..")
	files, _ := filepath.Glob(filepath.Join(root, "web", "templates", "*.html"))
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	used := regexp.MustCompile(`\.(?:T|N "(?:[^"\\]|\\.)*") "((?:[^"\\]|\\.)*)"`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s uses %q, which no catalog has (run scripts/catalogs.py)", filepath.Base(f), m[1])
			}
		}
	}
	// Spanish is really Spanish: most messages differ from English.
	same := 0
	for k, v := range keys[language.Spanish] {
		if v == en[k] {
			same++
		}
	}
	if same > len(en)/10 {
		t.Errorf("%d of %d Spanish messages equal the English ones", same, len(en))
	}
}

func TestMatch(t *testing.T) {
	b := load(t)
	for _, c := range []struct {
		prefs []string
		want  language.Tag
	}{
		{[]string{"", "", "es-MX,es;q=0.9,en;q=0.8"}, language.Spanish},
		{[]string{"", "", "fr-FR,fr;q=0.9"}, language.English},
		{[]string{"en", "", "es"}, language.English},    // the user's preference wins
		{[]string{"", "es", "en-US"}, language.Spanish}, // then the switcher's cookie
		{[]string{"", "", ""}, language.English},
		{[]string{"!!", "", "es-AR"}, language.Spanish},
	} {
		if got := b.Match(c.prefs...); got != c.want {
			t.Errorf("Match(%q) = %s, want %s", c.prefs, got, c.want)
		}
	}
}

func TestPrinterTranslates(t *testing.T) {
	b := load(t)
	if got := b.Printer(language.Spanish).Sprintf("%d characters", 62); got != "62 caracteres" {
		t.Errorf("es: %q", got)
	}
	if got := b.Printer(language.English).Sprintf("Log in"); got != "Log in" {
		t.Errorf("en: %q", got)
	}
	if got := b.Printer(language.Spanish).Sprintf("Log in"); got != "Iniciar sesión" {
		t.Errorf("es: %q", got)
	}
}

// TestPlurals: a message that counts takes the form of its number's plural
// category in each language, with the count as its first argument.
func TestPlurals(t *testing.T) {
	b := load(t)
	for _, c := range []struct {
		tag  language.Tag
		n    int
		want string
	}{
		{language.English, 1, "1 warning"}, {language.English, 0, "0 warnings"}, {language.English, 3, "3 warnings"},
		{language.Spanish, 1, "1 aviso"}, {language.Spanish, 3, "3 avisos"}, {language.Spanish, 0, "0 avisos"},
	} {
		if got := b.Printer(c.tag).Sprintf("%d warnings not let stand", c.n); !strings.HasPrefix(got, c.want+" ") {
			t.Errorf("%s, %d: %q, want %q", c.tag, c.n, got, c.want)
		}
	}
}

// TestTextJSON: a translation reads and writes as a string or as gotext's
// plural select, and a select without an "other" case is refused.
func TestTextJSON(t *testing.T) {
	for _, src := range []string{`"hola"`, `{"select":{"feature":"plural","arg":"Arg_1","cases":{"one":{"msg":"{Arg_1} aviso"},"other":{"msg":"{Arg_1} avisos"}}}}`} {
		var x i18n.Text
		if err := x.UnmarshalJSON([]byte(src)); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		out, err := x.MarshalJSON()
		if err != nil || string(out) != src {
			t.Errorf("%s came back as %s (%v)", src, out, err)
		}
	}
	var x i18n.Text
	if err := x.UnmarshalJSON([]byte(`{"select":{"feature":"plural","cases":{"one":{"msg":"x"}}}}`)); err == nil {
		t.Error("a select without an other case was read")
	}
}
