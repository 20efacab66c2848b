package crosslingual

import (
	"testing"
)

func TestSentences(t *testing.T) {
	text := "Notas previas.\n\nPRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días. El Sr. López y la Lic. Pérez vinieron de EE. UU. ayer. Trajeron papeles, documentos, etc. y nada más.\n—Siéntense, por favor—.\nEl oficio núm. 25 llegó.\n\nPREGUNTA: ¿Y los aranceles? Gracias."
	rs := []rune(text)
	turns, ss := segment(text, rs)
	if len(turns) != 3 || turns[1].Speaker != "Claudia Sheinbaum Pardo" || !turns[2].Question {
		t.Fatalf("turns: %+v", turns)
	}
	want := []struct {
		s    string
		turn int
	}{
		{"Notas previas.", 0}, // an unlabelled turn before the first label
		{"Buenos días.", 1},
		{"El Sr. López y la Lic. Pérez vinieron de EE. UU. ayer.", 1},
		{"Trajeron papeles, documentos, etc. y nada más.", 1},
		{"—Siéntense, por favor—.", 1},
		{"El oficio núm. 25 llegó.", 1},
		{"¿Y los aranceles?", 2},
		{"Gracias.", 2},
	}
	if len(ss) != len(want) {
		for _, s := range ss {
			t.Logf("%q", string(rs[s.Start:s.End]))
		}
		t.Fatalf("%d sentences, want %d", len(ss), len(want))
	}
	for i, w := range want {
		if got := string(rs[ss[i].Start:ss[i].End]); got != w.s || ss[i].Turn != w.turn {
			t.Errorf("sentence %d: %q in turn %d, want %q in turn %d", i, got, ss[i].Turn, w.s, w.turn)
		}
	}
}
