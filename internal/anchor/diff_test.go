package anchor

import (
	"slices"
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []DiffOp
	}{
		{"identical", "ni hay subordinación", "ni hay subordinación", []DiffOp{{OpEqual, "ni hay subordinación"}}},
		{"both empty", "", "", nil},
		{"from empty", "", "hola", []DiffOp{{OpInsert, "hola"}}},
		{"to empty", "hola", "", []DiffOp{{OpDelete, "hola"}}},
		{
			"one word replaced", "pero ni hay subordinación", "pero no hay subordinación",
			[]DiffOp{{OpEqual, "pero "}, {OpDelete, "ni"}, {OpInsert, "no"}, {OpEqual, " hay subordinación"}},
		},
		{
			"accent changes the whole word", "intervencion extranjera", "intervención extranjera",
			[]DiffOp{{OpDelete, "intervencion"}, {OpInsert, "intervención"}, {OpEqual, " extranjera"}},
		},
		{
			"comma inserted", "coordinación pero", "coordinación, pero",
			[]DiffOp{{OpEqual, "coordinación"}, {OpInsert, ","}, {OpEqual, " pero"}},
		},
		{
			"phrase replaced reads as one change", "we do not want it", "they never wanted it",
			[]DiffOp{{OpDelete, "we do not want"}, {OpInsert, "they never wanted"}, {OpEqual, " it"}},
		},
		{
			"apostrophes stay inside words", "we don't want", "we do want",
			[]DiffOp{{OpEqual, "we "}, {OpDelete, "don't"}, {OpInsert, "do"}, {OpEqual, " want"}},
		},
		{
			"NFD input", "intervencio\u0301n", "intervención", []DiffOp{{OpEqual, "intervención"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.a, tt.b)
			if !slices.Equal(got, tt.want) {
				t.Errorf("WordDiff(%q, %q) = %+v, want %+v", tt.a, tt.b, got, tt.want)
			}
			checkDiff(t, tt.a, tt.b, got)
		})
	}
}

// checkDiff asserts that a diff rebuilds both texts and is compact.
func checkDiff(t testing.TB, a, b string, ops []DiffOp) {
	t.Helper()
	var ra, rb strings.Builder
	for i, op := range ops {
		switch op.Op {
		case OpEqual:
			ra.WriteString(op.Text)
			rb.WriteString(op.Text)
		case OpDelete:
			ra.WriteString(op.Text)
		case OpInsert:
			rb.WriteString(op.Text)
		default:
			t.Errorf("op %d: unknown %q", i, op.Op)
		}
		if op.Text == "" {
			t.Errorf("op %d is empty", i)
		}
		if i > 0 && ops[i-1].Op == op.Op {
			t.Errorf("ops %d and %d are both %s", i-1, i, op.Op)
		}
	}
	if ra.String() != NFC(a) || rb.String() != NFC(b) {
		t.Errorf("diff rebuilds %q → %q, want %q → %q", ra.String(), rb.String(), NFC(a), NFC(b))
	}
}

func TestWordDiffLargeInputs(t *testing.T) {
	a := strings.Repeat("uno dos ", 1500)
	b := "inicio " + strings.Repeat("tres cuatro ", 1500) + "fin"
	checkDiff(t, a, b, WordDiff(a, b))
}
