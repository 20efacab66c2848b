package checks

import (
	"slices"
	"testing"
)

// The runners the table-driven tests of single checks share.

// pairCase is a pair of texts on which a check either fires or keeps quiet.
type pairCase struct {
	name, orig, rend string
	fire             bool
}

// testFires runs check on each pair, the original in origLang and the
// rendering in English: a pair that fires must give findings, the first
// of them of code and severity; one that does not, none.
func testFires(t *testing.T, check func(*prepared) []Finding, origLang, code string, severity Severity, cases []pairCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := check(prepare(Input{Original: c.orig, OriginalLang: origLang, Rendering: c.rend, RenderingLang: "en"}))
			if got := len(fs) > 0; got != c.fire {
				t.Fatalf("fired = %v, want %v (%+v)", got, c.fire, fs)
			}
			if c.fire && (fs[0].Code != code || fs[0].Severity != severity) {
				t.Errorf("finding = %+v", fs[0])
			}
		})
	}
}

// wantOne fails the test unless fs is one finding of code and, when
// severity is not "", of that severity; it returns the finding.
func wantOne(t *testing.T, fs []Finding, code string, severity Severity) Finding {
	t.Helper()
	wantCodes(t, fs, []string{code})
	if severity != "" && fs[0].Severity != severity {
		t.Fatalf("%s is a %s, want a %s", code, fs[0].Severity, severity)
	}
	return fs[0]
}

// wantCodes fails the test unless the findings' codes are want, in order
// (nil for no findings).
func wantCodes(t *testing.T, fs []Finding, want []string) {
	t.Helper()
	if got := codes(fs); !slices.Equal(got, want) {
		t.Fatalf("codes = %v, want %v\n%s", got, want, dump(t, fs))
	}
}
