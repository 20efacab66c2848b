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
			if strings.TrimSpace(m.Translation) == "" {
				t.Errorf("%s: %q has no translation", tag, k)
			}
			keys[tag][k] = m.Translation
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
	used := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
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
