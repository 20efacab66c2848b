package anchor

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestMaxEdits(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{0, 0}, {1, 1}, {6, 1}, {7, 2}, {20, 3}, {21, 4}, {100, 15}, {101, 16}} {
		if got := MaxEdits(tt.n); got != tt.want {
			t.Errorf("MaxEdits(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

// naiveEnds is the textbook O(m·n) semi-global edit distance: D[i][0] = i,
// D[0][j] = 0, and the last row gives the fewest edits of a match ending
// at each position.
func naiveEnds(q, text []rune, k int) []endScore {
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	for i := range prev {
		prev[i] = i
	}
	var out []endScore
	for j, c := range text {
		cur[0] = 0
		for i := 1; i <= len(q); i++ {
			cost := 1
			if q[i-1] == c {
				cost = 0
			}
			cur[i] = min(prev[i-1]+cost, prev[i]+1, cur[i-1]+1)
		}
		prev, cur = cur, prev
		if prev[len(q)] <= k {
			out = append(out, endScore{j + 1, prev[len(q)]})
		}
	}
	return out
}

func TestMyersMatchesNaiveDP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcñé ")
	randomText := func(n int) []rune {
		s := make([]rune, n)
		for i := range s {
			s[i] = alphabet[r.IntN(len(alphabet))]
		}
		return s
	}
	for _, m := range []int{1, 2, 5, 63, 64, 65, 100, 127, 128, 129, 200} {
		for trial := range 5 {
			q := randomText(m)
			// Plant a mutated copy of q so that there are matches to find.
			planted := slices.Clone(q)
			for range r.IntN(m/5 + 2) {
				planted[r.IntN(len(planted))] = alphabet[r.IntN(len(alphabet))]
			}
			text := slices.Concat(randomText(r.IntN(300)), planted, randomText(r.IntN(300)))
			k := MaxEdits(m) + trial // also larger bounds, which stress the blocks
			o := newRuneOffsets(string(text))
			got := newPattern(q).scan(&o, 0, o.n, k, nil)
			want := naiveEnds(q, text, k)
			if !slices.Equal(got, want) {
				t.Fatalf("m=%d trial %d: Myers %v\nnaive %v", m, trial, got, want)
			}
			// A window starting inside the text sees only matches that start in it.
			a := len(text) / 3
			got = newPattern(q).scan(&o, a, o.n, k, nil)
			want = naiveEnds(q, text[a:], k)
			for i := range want {
				want[i].end += a
			}
			if !slices.Equal(got, want) {
				t.Fatalf("m=%d trial %d, window from %d: Myers %v\nnaive %v", m, trial, a, got, want)
			}
		}
	}
}

func TestWindowsFilterFindsEveryMatch(t *testing.T) {
	// The filtered search must find exactly what a full scan finds.
	r := rand.New(rand.NewPCG(3, 4))
	syllables := strings.Fields("ma ri on ción te lo sa gue pe dro ña bi ul tra ve es co mu ni dad par ti")
	var b strings.Builder
	for b.Len() < 20000 {
		for range 1 + r.IntN(4) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		b.WriteByte(' ')
	}
	text := b.String()
	ix := NewIndex(text, Options{})
	filteredTrials := 0
	for trial := range 40 {
		start := r.IntN(len(text) - 200)
		for text[start] != ' ' {
			start++
		}
		q := []rune(strings.TrimSpace(text[start : start+40+r.IntN(120)]))
		for range r.IntN(4) {
			q[r.IntN(len(q))] = 'x'
		}
		k := MaxEdits(len(q))
		ws := ix.windows(q, k)
		p := newPattern(q)
		var filtered []endScore
		for _, w := range ws {
			filtered = p.scan(&ix.f.folded, w.a, w.b, k, filtered)
		}
		full := p.scan(&ix.f.folded, 0, ix.f.folded.n, k, nil)
		if !slices.Equal(filtered, full) {
			t.Fatalf("trial %d (%d windows): filtered %v, full %v", trial, len(ws), filtered, full)
		}
		if len(full) == 0 {
			t.Fatalf("trial %d: the planted quote was not found", trial)
		}
		if len(ws) != 1 || ws[0] != (span{0, ix.f.folded.n}) {
			filteredTrials++
		}
	}
	if filteredTrials < 10 {
		t.Errorf("only %d of 40 trials used the filter; the test checks little", filteredTrials)
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"intervención", "intervencion", 1},
		{"año", "ano", 1},
	}
	for _, tt := range tests {
		if got := Levenshtein([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
