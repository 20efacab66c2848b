package anchor

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The fuzz targets check invariants on arbitrary input; their seed corpora
// are the inputs of the table tests, so `go test` runs them as tests.

func FuzzFold(f *testing.F) {
	for _, tt := range foldTests {
		f.Add(tt.in, tt.opt.KeepEnye)
	}
	f.Add(readTestdata(f, "larazon.txt"), true)
	f.Fuzz(func(t *testing.T, text string, keepEnye bool) {
		opt := Options{KeepEnye: keepEnye}
		fd := Fold(text, opt)
		n := len([]rune(NFC(text)))
		if got := Fold(norm.NFD.String(text), opt).String(); got != fd.String() {
			t.Fatalf("Fold(NFD) = %q, Fold = %q", got, fd.String())
		}
		if strings.Contains(fd.String(), "  ") {
			t.Fatalf("Fold = %q keeps a run of spaces", fd.String())
		}
		if s, e := fd.OriginalSpan(0, fd.Len()); s < 0 || e != n && fd.Len() > 0 {
			t.Fatalf("OriginalSpan of everything = (%d, %d), want (≥0, %d)", s, e, n)
		}
		prev := 0
		for i := range fd.Len() {
			s, e := fd.OriginalSpan(i, i+1)
			if s < prev || s >= e || e > n {
				t.Fatalf("OriginalSpan(%d, %d) = (%d, %d), previous start %d, length %d", i, i+1, s, e, prev, n)
			}
			prev = s
		}
	})
}

func FuzzLocate(f *testing.F) {
	for _, tt := range locateTests {
		f.Add(tt.text, tt.quote, tt.max, false)
	}
	larazon := readTestdata(f, "larazon.txt")
	f.Add(larazon, "Hay colaboracion y coordinacion pero ni hay subordinacion", 3, true)
	f.Add(larazon, `"nosotros no queremos intervencion de ningun gobierno extranjero"`, 3, true)
	f.Fuzz(func(t *testing.T, text, quote string, max int, keepEnye bool) {
		if len(quote) > 2000 || len(text) > 1<<16 {
			t.Skip("the approximate search is quadratic in the quote length; keep runs fast")
		}
		max = 1 + max%8
		if max < 1 {
			max += 8
		}
		opt := Options{KeepEnye: keepEnye}
		cs := NewIndex(text, opt).Locate(quote, max)
		if len(cs) > max {
			t.Fatalf("%d candidates, max %d", len(cs), max)
		}
		checkCandidates(t, text, quote, opt, cs)
		if core := trimQuote(NFC(quote)); core != "" && strings.Contains(NFC(text), core) && (len(cs) == 0 || cs[0].Kind != Exact) {
			t.Fatalf("quote %q occurs in the text, but the first candidate is %+v", core, cs)
		}
	})
}

func FuzzDetectPassages(f *testing.F) {
	for _, tt := range passageTests {
		f.Add(tt.body, tt.lang)
	}
	f.Add(seedBody(f), "en")
	f.Fuzz(func(t *testing.T, body, lang string) {
		checkPassages(t, body, DetectPassages(body, lang))
	})
}
