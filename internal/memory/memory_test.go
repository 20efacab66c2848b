package memory

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"No queremos intervención", "no queremos intervencion", 1},       // case and accents fold
		{"«No queremos intervención»", "\"No queremos intervención\"", 1}, // quotation marks fold
		{"no queremos intervención extranjera", "no queremos intervención", 0.75},
		{"no queremos intervención", "sí queremos intervención", 2.0 / 3},
		{"hola", "adiós", 0},
		{"", "", 1},
	} {
		got := Similarity(Words(c.a, "es"), Words(c.b, "es"))
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	// ñ stays distinct from n in Spanish: año is not ano.
	if s := Similarity(Words("el año", "es"), Words("el ano", "es")); s != 0.5 {
		t.Errorf("año vs ano in Spanish: %v", s)
	}
}

func TestRank(t *testing.T) {
	mem := []string{
		"no queremos intervención de ningún gobierno extranjero",
		"no queremos intervención",
		"hay colaboración y coordinación",
		"nosotros no queremos intervención de ningún gobierno extranjero",
	}
	got := Rank("Nosotros no queremos intervención de ningún gobierno extranjero", "es", mem, func(s string) string { return s }, 0.5, 10)
	// mem[0] lacks one of the query's eight words; mem[1] keeps only three
	// of eight, below the threshold.
	if len(got) != 2 || got[0].Item != mem[3] || got[0].Score != 1 || got[1].Item != mem[0] || math.Abs(got[1].Score-7.0/8) > 1e-9 {
		t.Fatalf("rank: %+v", got)
	}
	if got := Rank("Nosotros no queremos intervención de ningún gobierno extranjero", "es", mem, func(s string) string { return s }, 0.5, 1); len(got) != 1 || got[0].Item != mem[3] {
		t.Fatalf("rank with limit 1: %+v", got)
	}
	if got := Rank("no queremos intervención", "es", mem, func(s string) string { return s }, 0.5, -1); len(got) != 0 {
		t.Fatalf("rank with a negative limit: %+v", got)
	}
	if got := Rank("algo distinto por completo", "es", mem, func(s string) string { return s }, 0.5, 10); len(got) != 0 {
		t.Fatalf("unrelated text matched: %+v", got)
	}
}

func TestContains(t *testing.T) {
	text := Words("Rechazó la intervención militar de Estados Unidos", "es")
	if !Contains(text, Words("Estados Unidos", "es")) || !Contains(text, Words("intervencion", "es")) {
		t.Fatal("term not found")
	}
	if Contains(text, Words("Unidos Estados", "es")) || Contains(text, nil) {
		t.Fatal("false term match")
	}
}

// BenchmarkRank20k scores a query against as many pairs as one search of
// the workflow scans (tmScanLimit).
func BenchmarkRank20k(b *testing.B) {
	mem := make([]string, 20000)
	for i := range mem {
		mem[i] = fmt.Sprintf("nosotros no queremos intervención número %d de ningún gobierno extranjero, dijo la presidenta", i)
	}
	for b.Loop() {
		Rank("Nosotros no queremos intervención de ningún gobierno extranjero", "es-MX", mem, func(s string) string { return s }, 0.5, 10)
	}
}

// TestProbe: the probed terms are the rarest, within the budget; the probe
// is complete when it holds enough of them that any text at least
// threshold similar to the query holds one (checked by brute force); a
// query most of whose words no pair holds cannot match.
func TestProbe(t *testing.T) {
	terms := []string{"es:a", "es:b", "es:c", "es:d", "es:e", "es:f"}
	counts := map[string]int64{"es:a": 9000, "es:b": 5, "es:c": 40, "es:d": 700, "es:e": 2, "es:f": 100000}
	got, complete, ok := Probe(terms, counts, 0.5, 1000)
	// Six terms held: a half-similar text holds three, so the four rarest
	// cannot all be missing from it.
	if want := []string{"es:e", "es:b", "es:c", "es:d"}; !ok || !complete || !slices.Equal(got, want) {
		t.Fatalf("Probe, budget 1,000 = %v %v %v, want %v, complete", got, complete, ok, want)
	}
	got, complete, _ = Probe(terms, counts, 0.5, 10_000)
	if want := []string{"es:e", "es:b", "es:c", "es:d", "es:a"}; !complete || !slices.Equal(got, want) {
		t.Fatalf("Probe, budget 10,000 = %v, want %v", got, want)
	}
	got, complete, _ = Probe(terms, counts, 0.5, 100)
	if want := []string{"es:e", "es:b", "es:c"}; complete || !slices.Equal(got, want) {
		t.Fatalf("Probe, budget 100 = %v %v, want %v, not complete", got, complete, want)
	}
	if got, _, _ := Probe(terms, counts, 0.5, 0); !slices.Equal(got, []string{"es:e"}) {
		t.Fatalf("Probe, no budget = %v, want the rarest term", got)
	}
	if got, _, ok := Probe(terms, map[string]int64{"es:a": 1, "es:b": 1}, 0.5, 1000); ok {
		t.Fatalf("two of six words held: Probe = %v, want no match possible", got)
	}
	// The guarantee, checked by brute force: every subset of at least half
	// the query's terms meets a complete probe.
	probe, _, _ := Probe(terms, counts, 0.5, 1000)
	for mask := range 1 << len(terms) {
		var held []string
		for i, term := range terms {
			if mask&(1<<i) != 0 {
				held = append(held, term)
			}
		}
		if 2*len(held) < len(terms) {
			continue
		}
		if !slices.ContainsFunc(held, func(s string) bool { return slices.Contains(probe, s) }) {
			t.Fatalf("a text holding %v is missed by the probe %v", held, probe)
		}
	}
}

func TestTerms(t *testing.T) {
	got := Terms("El Gobierno, el gobierno y la intervención", "es-MX")
	want := []string{"es:el", "es:gobierno", "es:intervencion", "es:la", "es:y"}
	if !slices.Equal(got, want) {
		t.Fatalf("Terms = %v, want %v", got, want)
	}
}

// Candidates agrees with counting every id of every list in a map, on
// random lists, and orders by hits then newest.
func TestCandidates(t *testing.T) {
	if got := Candidates([][]int64{{1, 4, 9}, {4, 9, 12}, {2, 4}}, 3); !slices.Equal(got, []int64{4, 9, 12}) {
		t.Fatalf("Candidates = %v, want [4 9 12]", got)
	}
	if got := Candidates([][]int64{{}, nil}, 3); len(got) != 0 {
		t.Fatalf("empty lists: Candidates = %v", got)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		lists := make([][]int64, 1+rng.IntN(6))
		hits := map[int64]int{}
		for i := range lists {
			for id := int64(1); id < 300; id++ {
				if rng.IntN(4) == 0 {
					lists[i] = append(lists[i], id)
					hits[id]++
				}
			}
		}
		if round%2 == 1 { // ids spread thinly: merged list by list
			for _, l := range lists {
				for j := range l {
					l[j] = l[j]*l[j]*1_000_000 + 7
				}
			}
			spread := map[int64]int{}
			for id, h := range hits {
				spread[id*id*1_000_000+7] = h
			}
			hits = spread
		}
		limit := 1 + rng.IntN(40)
		var want []int64
		for id := range hits {
			want = append(want, id)
		}
		slices.SortFunc(want, func(a, b int64) int { return cmp.Or(cmp.Compare(hits[b], hits[a]), cmp.Compare(b, a)) })
		want = want[:min(len(want), limit)]
		if got := Candidates(lists, limit); !slices.Equal(got, want) {
			t.Fatalf("round %d, limit %d: Candidates = %v, want %v", round, limit, got, want)
		}
	}
}

// BenchmarkCandidates merges the lists a complete probe of a million-pair
// memory reads (eight terms, 400,000 postings in all).
func BenchmarkCandidates(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	lists := make([][]int64, 8)
	for i := range lists {
		every := 1 << i // 1 in 1, 2, 4 … of a million pairs' fifth
		for id := int64(1); id <= 200_000; id++ {
			if rng.IntN(every) == 0 && len(lists[i]) < 50_000+i*10_000 {
				lists[i] = append(lists[i], id*5)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Candidates(lists, 200)
	}
}

func TestIntersect(t *testing.T) {
	lists := [][]int64{{1, 3, 5, 7, 9, 11}, {3, 4, 5, 9, 11, 20}, {0, 3, 9, 11}}
	if got := Intersect(lists, 10); !slices.Equal(got, []int64{11, 9, 3}) {
		t.Fatalf("Intersect = %v, want [11 9 3]", got)
	}
	if got := Intersect(lists, 2); !slices.Equal(got, []int64{11, 9}) {
		t.Fatalf("Intersect, limit 2 = %v, want [11 9]", got)
	}
	if got := Intersect([][]int64{{1, 2}, {}}, 5); len(got) != 0 {
		t.Fatalf("a list empty: Intersect = %v", got)
	}
	if !slices.Equal(lists[0], []int64{1, 3, 5, 7, 9, 11}) {
		t.Fatal("Intersect changed its lists")
	}
}

func TestNear(t *testing.T) {
	got := Near([]string{"es:1631", "es:se", "es:carro", "en:x"})
	want := []string{"es:131", "es:161", "es:163", "es:631", "es:arro", "es:caro", "es:carr", "es:crro"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("Near = %v, want %v", got, want)
	}
}
