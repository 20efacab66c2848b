package crosslingual_test

import (
	"context"
	"os"
	"testing"

	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
)

func TestDebugCase(t *testing.T) {
	sess, r := os.Getenv("DEBUG_SESSION"), os.Getenv("DEBUG_RENDERING")
	if sess == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("testdata/sessions/" + sess + ".txt")
	lex, _ := apertium.Default()
	src, _ := crosslingual.Prepare(context.Background(), string(b), crosslingual.Options{Lexicon: lex})
	res, err := src.Find(context.Background(), crosslingual.Query{Rendering: r, Lexicon: lex, Max: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Candidates {
		t.Logf("%.3f %s %q", c.Score, c.Strength, c.Exact)
		for _, m := range c.Matched {
			t.Logf("    %s ← %s (%s)", m.Text, m.Word, m.Via)
		}
	}
}
