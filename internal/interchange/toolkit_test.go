package interchange

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/testenv"
)

// ttkScript loads a file with Translate Toolkit, the library behind
// Pootle, Weblate's XLIFF support and the po* tools, and prints what it
// understood as JSON.
const ttkScript = `
import json, sys
from translate.storage import factory
from translate.misc.xml_helpers import getXMLlang
store = factory.getobject(sys.argv[1])
units = []
for u in store.units:
    if u.isheader():
        continue
    langs = []
    if hasattr(u, "getlanguageNodes"):
        langs = [getXMLlang(n) for n in u.getlanguageNodes()]
    units.append({"id": u.getid(), "source": u.source, "target": u.target or "",
                  "fuzzy": bool(u.isfuzzy()), "translated": bool(u.istranslated()), "langs": langs})
print(json.dumps({"source_language": store.sourcelanguage, "target_language": store.targetlanguage,
                  "units": units}, ensure_ascii=False))
`

type ttkStore struct {
	SourceLanguage string `json:"source_language"`
	TargetLanguage string `json:"target_language"`
	Units          []struct {
		ID         string   `json:"id"`
		Source     string   `json:"source"`
		Target     string   `json:"target"`
		Fuzzy      bool     `json:"fuzzy"`
		Translated bool     `json:"translated"`
		Langs      []string `json:"langs"`
	} `json:"units"`
}

// python returns /usr/bin/python3 when it can import Translate Toolkit.
func python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import translate.storage.xliff, translate.storage.tmx").Run(); err != nil {
		testenv.SkipOrFail(t, "%s cannot import Translate Toolkit (apt-get install translate-toolkit): %v", py, err)
	}
	return py
}

func readWithToolkit(t *testing.T, py, path string) ttkStore {
	t.Helper()
	script := filepath.Join(t.TempDir(), "ttk.py")
	if err := os.WriteFile(script, []byte(ttkScript), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, path).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("translate toolkit: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var s ttkStore
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return s
}

// TestTranslateToolkitReadsXLIFF: Translate Toolkit reads our XLIFF 1.2
// with the same units, texts and languages, and counts as translated
// exactly the verified and approved quotes (approved="yes"), as fuzzy the
// others that have a rendering, as untranslated those without one.
func TestTranslateToolkitReadsXLIFF(t *testing.T) {
	py := python(t)
	pocount := testenv.Tool(t, "pocount", "translate-toolkit")
	for name, b := range map[string]Bundle{"hand-draft": handBundle(t, true), "hand-final": handBundle(t, false), "demo-draft": demoBundle(t, true)} {
		t.Run(name, func(t *testing.T) {
			b = Select(b)
			path := writeTemp(t, "export.xlf", export(t, FormatXLIFF12, b))
			s := readWithToolkit(t, py, path)
			src, trg := languages(b)
			if s.SourceLanguage != src || s.TargetLanguage != trg {
				t.Errorf("languages %s → %s, want %s → %s", s.SourceLanguage, s.TargetLanguage, src, trg)
			}
			if len(s.Units) != len(b.Quotes) {
				t.Fatalf("%d units, want %d", len(s.Units), len(b.Quotes))
			}
			var translated, fuzzy, untranslated int
			for i, q := range b.Quotes {
				u := s.Units[i]
				// Translate Toolkit names a unit by file and id.
				wantTrans := q.Rendering.Text != "" && (q.Status == cotejo.QuoteVerified || q.Status == cotejo.QuoteApproved)
				wantFuzzy := q.Rendering.Text != "" && !wantTrans
				if u.ID != articleKey(b.Article)+"\x04"+quoteKey(q) || u.Source != q.Original.Text || u.Target != q.Rendering.Text ||
					u.Translated != wantTrans || u.Fuzzy != wantFuzzy {
					t.Errorf("unit %d = %+v\nwant quote %d (%s) %q → %q", i, u, q.ID, q.Status, q.Original.Text, q.Rendering.Text)
				}
				switch {
				case wantTrans:
					translated++
				case wantFuzzy:
					fuzzy++
				default:
					untranslated++
				}
			}
			out, err := exec.Command(pocount, "--no-color", "--short-strings", path).CombinedOutput()
			if err != nil {
				t.Fatalf("pocount: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`total: (\d+)\s*\|\s*(\d+)t\s+(\d+)f\s+(\d+)u`).FindStringSubmatch(string(out))
			if m == nil {
				t.Fatalf("pocount said %q", out)
			}
			want := []int{len(b.Quotes), translated, fuzzy, untranslated}
			for i, w := range want {
				if n, _ := strconv.Atoi(m[i+1]); n != w {
					t.Errorf("pocount: %s\nwant total %d, %dt %df %du", out, want[0], want[1], want[2], want[3])
					break
				}
			}
			t.Logf("pocount: %s", out)
		})
	}
}

// TestTranslateToolkitReadsTMX: the pairs of our TMX, in order, source
// first, with their languages.
func TestTranslateToolkitReadsTMX(t *testing.T) {
	py := python(t)
	for _, draft := range []bool{true, false} {
		b := handBundle(t, draft)
		data := export(t, FormatTMX, b)
		mine, err := ParseTMX(bytes.NewReader(data), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		s := readWithToolkit(t, py, writeTemp(t, "export.tmx", data))
		if len(s.Units) != len(mine) || len(mine) == 0 {
			t.Fatalf("draft=%v: toolkit read %d units, we wrote %d", draft, len(s.Units), len(mine))
		}
		for i, u := range s.Units {
			m := mine[i]
			if u.ID != m.ID || u.Source != m.Source.Text || u.Target != m.Target.Text ||
				len(u.Langs) != 2 || u.Langs[0] != m.Source.Lang || u.Langs[1] != m.Target.Lang {
				t.Errorf("draft=%v unit %d = %+v, want %+v", draft, i, u, m)
			}
		}
	}
}
