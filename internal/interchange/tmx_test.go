package interchange

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// TestTMXRoundTrip writes memory pairs with WriteTMX and reads them back.
func TestTMXRoundTrip(t *testing.T) {
	units := []TMUnit{
		{ID: "tm1", Source: cotejo.LangText{Text: "¿Quién paga? ¡Nadie! & <nada>", Lang: "es-MX"},
			Target: cotejo.LangText{Text: "Who pays? Nobody! & <nothing>", Lang: "en"},
			Note:   "from article 7", Props: []TMProp{{"x-cotejo-status", "approved"}},
			CreatedAt: t0, CreatedBy: "Tomás", ChangedAt: t0.Add(time.Hour), ChangedBy: "Edith"},
		{Source: cotejo.LangText{Text: "México 🇲🇽\tno está\nen venta", Lang: "es"},
			Target: cotejo.LangText{Text: "Mexico 🇲🇽\tis not\nfor sale", Lang: "en-GB"}},
	}
	for _, c := range []struct {
		name    string
		units   []TMUnit
		srclang string
	}{
		{"one source language", units[:1], `srclang="es-MX"`},
		{"mixed source languages", units, `srclang="*all*"`},
		{"none", nil, `srclang="*all*"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTMX(&buf, c.units); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), c.srclang) {
				t.Errorf("the header lacks %s:\n%s", c.srclang, buf.String())
			}
			p := writeTemp(t, "tm.tmx", buf.Bytes())
			dir := schemaDir(t)
			xmllint(t, "--path", dir, "--dtdvalid", dir+"/tmx14.dtd", p)
			got, err := ParseTMX(&buf, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.units) {
				t.Fatalf("%d units back, want %d", len(got), len(c.units))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], c.units[i]) {
					t.Errorf("unit %d:\n got %+v\nwant %+v", i, got[i], c.units[i])
				}
			}
		})
	}
}

// TestTMXPickSource: which variant is the source, from other tools' files.
func TestTMXPickSource(t *testing.T) {
	for _, c := range []struct {
		name, header, tu string
		src, trg         string
	}{
		{"header language, target first", `srclang="es"`, `<tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="es"><seg>Sí</seg></tuv></tu>`, "es:Sí", "en:Yes"},
		{"base language match", `srclang="es"`, `<tu><tuv xml:lang="en-US"><seg>Yes</seg></tuv><tuv xml:lang="es-MX"><seg>Sí</seg></tuv></tu>`, "es-MX:Sí", "en-US:Yes"},
		{"case-insensitive", `srclang="ES-mx"`, `<tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="es-MX"><seg>Sí</seg></tuv></tu>`, "es-MX:Sí", "en:Yes"},
		{"tu srclang wins", `srclang="en"`, `<tu srclang="es"><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="es"><seg>Sí</seg></tuv></tu>`, "es:Sí", "en:Yes"},
		{"*all*: first is source", `srclang="*all*"`, `<tu><tuv xml:lang="fr"><seg>Oui</seg></tuv><tuv xml:lang="es"><seg>Sí</seg></tuv></tu>`, "fr:Oui", "es:Sí"},
		{"three languages", `srclang="es"`, `<tu><tuv xml:lang="fr"><seg>Oui</seg></tuv><tuv xml:lang="es"><seg>Sí</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu>`, "es:Sí", "fr:Oui"},
		{"TMX 1.1 lang attribute", `srclang="es"`, `<tu><tuv lang="en"><seg>Yes</seg></tuv><tuv lang="es"><seg>Sí</seg></tuv></tu>`, "es:Sí", "en:Yes"},
		{"inline codes", `srclang="es"`, `<tu><tuv xml:lang="es"><seg><bpt i="1">&lt;b&gt;</bpt>Sí<ept i="1">&lt;/b&gt;</ept><ph>&lt;br&gt;</ph> <hi type="x">claro</hi></seg></tuv><tuv xml:lang="en"><seg>Yes <it pos="begin">&lt;i&gt;</it>sure</seg></tuv></tu>`, "es:Sí claro", "en:Yes sure"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := `<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" ` + c.header +
				` datatype="plaintext"/><body>` + c.tu + `<tu><tuv xml:lang="es"><seg>solo</seg></tuv></tu></body></tmx>`
			units, err := ParseTMX(strings.NewReader(doc), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(units) != 1 { // the one-variant tu is skipped
				t.Fatalf("%d units", len(units))
			}
			u := units[0]
			if got := u.Source.Lang + ":" + u.Source.Text; got != c.src {
				t.Errorf("source = %s, want %s", got, c.src)
			}
			if got := u.Target.Lang + ":" + u.Target.Text; got != c.trg {
				t.Errorf("target = %s, want %s", got, c.trg)
			}
		})
	}
}

// TestTMXNamespaces: the elements of the root's namespace are read, even
// when it is a default namespace; other vocabularies' elements are skipped.
func TestTMXNamespaces(t *testing.T) {
	doc := `<tmx version="1.4" xmlns="urn:example:tmx" xmlns:o="urn:other"><header srclang="es"/><body>
<o:tu><tuv xml:lang="es"><seg>no</seg></tuv><tuv xml:lang="en"><seg>no</seg></tuv></o:tu>
<tu tuid="t1"><o:x>ignored</o:x><tuv xml:lang="en"><seg>Yes</seg></tuv><o:tuv xml:lang="fr"><seg>Oui</seg></o:tuv><tuv xml:lang="es"><o:seg>no</o:seg><seg>Sí</seg></tuv></tu>
</body></tmx>`
	units, err := ParseTMX(strings.NewReader(doc), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []TMUnit{{ID: "t1", Source: cotejo.LangText{Text: "Sí", Lang: "es"}, Target: cotejo.LangText{Text: "Yes", Lang: "en"}}}
	if !reflect.DeepEqual(units, want) {
		t.Errorf("units = %+v, want %+v", units, want)
	}
}

// TestArticleTMX: a final TMX holds the approved pairs; a draft one holds
// every pair with both texts, each with its status.
func TestArticleTMX(t *testing.T) {
	for _, c := range []struct {
		draft bool
		ids   []string
	}{
		{false, []string{"q101", "q108", "q107"}},
		{true, []string{"q101", "q104", "q102", "q103", "q108", "q106", "q107"}}, // q105 has no rendering
	} {
		units, err := ParseTMX(bytes.NewReader(export(t, FormatTMX, handBundle(t, c.draft))), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, u := range units {
			ids = append(ids, u.ID)
			status := ""
			for _, p := range u.Props {
				if p.Type == "x-cotejo-status" {
					status = p.Value
				}
			}
			if (status != "approved") != strings.HasPrefix(u.Note, "DRAFT") {
				t.Errorf("draft=%v: unit %s with status %q has note %q", c.draft, u.ID, status, u.Note)
			}
			if u.Source.Lang != "es-MX" || u.Target.Lang != "en" {
				t.Errorf("unit %s languages %s → %s", u.ID, u.Source.Lang, u.Target.Lang)
			}
		}
		if !reflect.DeepEqual(ids, c.ids) {
			t.Errorf("draft=%v: units %v, want %v", c.draft, ids, c.ids)
		}
	}
}
