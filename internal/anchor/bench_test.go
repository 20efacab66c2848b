package anchor

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Spanish-like vocabulary for the generated benchmark corpus.
var benchWords = strings.Fields(`
el la los las un una unos unas de del al a en con por para sin sobre entre hasta desde
que como cuando donde porque pero aunque mientras si no ni ya también muy más menos
nosotros ellos ella usted ustedes yo tú él le les lo se nos mi su sus nuestro nuestra
gobierno presidenta presidente país nación soberanía intervención colaboración coordinación
subordinación seguridad información territorio frontera ejército militar marina policía
congreso senado reforma ley decreto acuerdo tratado política economía inversión comercio
empresa trabajo salario pensión salud educación escuela universidad ciudad estado municipio
pueblo comunidad familia niños jóvenes mujeres hombres migrantes víctimas derechos justicia
violencia delincuencia cártel grupos delictivos droga fentanilo armas tráfico aduana puerto
energía petróleo electricidad agua campo maíz precio inflación peso dólar banco crédito
mañanera conferencia prensa periodista pregunta respuesta declaración mensaje llamada
teléfono reunión visita embajador secretario canciller diplomacia relación vecino
dijo afirmó señaló aseguró explicó reiteró rechazó aceptó propuso pidió ofreció permitió
vamos queremos podemos tenemos hemos hacemos decimos sabemos creemos estamos seguimos
trabajar colaborar ayudar combatir proteger defender construir cambiar mejorar garantizar
importante necesario posible claro fuerte nuevo viejo grande pequeño mejor peor último
primero segundo tercero público privado nacional extranjero internacional histórico
hoy ayer mañana siempre nunca ahora después antes todavía pronto tarde semana año mes día
años caña niño señor señora compañía montaña españoles mañana otoño sueño dueño
`)

// benchQuote is a quote of the benchmark corpus and where it was taken from.
type benchQuote struct {
	Quote      string
	Start, End int  // code points of the original in the corpus
	Want       Kind // how it should be found
}

// benchCorpus returns a ~1 MB Spanish text and 100 quotes to locate in it:
// a third verbatim, a third without accents in straight quotes, a third
// with one to three typos. A fixed-seed PRNG keeps it deterministic, and
// the demo's sentences are mixed in among generated ones so the text is
// not periodic.
var benchCorpus = sync.OnceValues(func() (string, []benchQuote) {
	r := rand.New(rand.NewPCG(2025, 11))
	demo := strings.Split(strings.ReplaceAll(readFileOrPanic("testdata/larazon.txt"), "\n\n", "\n"), "\n")
	var text strings.Builder
	isDemo := map[string]bool{}
	for _, l := range demo {
		isDemo[l+"\n"] = true
	}
	for text.Len() < 1<<20 {
		if r.IntN(20) == 0 {
			text.WriteString(demo[r.IntN(len(demo))])
			text.WriteByte('\n')
			continue
		}
		for s := range 2 + r.IntN(5) {
			if s > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(benchSentence(r))
		}
		text.WriteByte('\n')
	}
	corpus := text.String()
	if !utf8.ValidString(corpus) || NFC(corpus) != corpus {
		panic("the benchmark corpus must be valid NFC text")
	}

	var quotes []benchQuote
	lines := strings.SplitAfter(corpus, "\n")
	lineStart := make([]int, len(lines)) // byte offsets
	for i := 1; i < len(lines); i++ {
		lineStart[i] = lineStart[i-1] + len(lines[i-1])
	}
	for len(quotes) < 100 {
		i := r.IntN(len(lines))
		words := strings.Fields(lines[i])
		if len(words) < 16 || isDemo[lines[i]] { // demo lines repeat: their quotes have many places
			continue
		}
		w := 6 + r.IntN(9)
		first := r.IntN(len(words) - w)
		q := strings.Join(words[first:first+w], " ")
		if strings.ContainsFunc(q, func(c rune) bool { return !unicode.IsLetter(c) && c != ' ' && c != ',' }) {
			continue // keep to plain words, which are also plain patterns for tre-agrep
		}
		b := lineStart[i] + strings.Index(lines[i], q)
		start := utf8.RuneCountInString(corpus[:b])
		bq := benchQuote{Start: start, End: start + utf8.RuneCountInString(q)}
		switch len(quotes) % 3 {
		case 0:
			bq.Quote, bq.Want = q, Exact
		case 1:
			folded := strings.ToLower(stripAccents(q))
			bq.Quote, bq.Want = `"`+folded+`"`, Normalized
			if folded == q {
				bq.Want = Exact // nothing to fold but the marks, which Locate trims
			}
		default:
			bq.Quote, bq.Want = typos(r, q, 1+r.IntN(3)), Approximate
		}
		quotes = append(quotes, bq)
	}
	return corpus, quotes
})

func readFileOrPanic(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// benchSentence generates a Spanish-like sentence, sometimes a question,
// sometimes with a quoted phrase or a number.
func benchSentence(r *rand.Rand) string {
	n := 6 + r.IntN(18)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = benchWords[r.IntN(len(benchWords))]
		if i > 0 && i < n-1 && r.IntN(9) == 0 {
			ws[i] += ","
		}
	}
	if r.IntN(8) == 0 {
		ws[r.IntN(n)] = fmt.Sprint(r.IntN(100000))
	}
	if r.IntN(6) == 0 && n > 6 {
		i := r.IntN(n - 3)
		ws[i] = "“" + ws[i]
		ws[i+2] = strings.TrimSuffix(ws[i+2], ",") + "”"
	}
	first, size := utf8.DecodeRuneInString(ws[0])
	ws[0] = string(unicode.ToUpper(first)) + ws[0][size:]
	s := strings.Join(ws, " ")
	if r.IntN(7) == 0 {
		return "¿" + s + "?"
	}
	return s + "."
}

func stripAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.Predicate(func(r rune) bool {
		return unicode.Is(unicode.Mn, r) && r != '\u0303' // keep the tilde of ñ
	})), norm.NFC), s)
	if err != nil {
		panic(err)
	}
	return out
}

// typos applies n random edits (substitution, deletion, transposition) to
// letters of s, never to its first or last code point, so that the result
// is not simply a shorter exact quote.
func typos(r *rand.Rand, s string, n int) string {
	rs := []rune(s)
	for range n {
		i := 1 + r.IntN(len(rs)-3)
		switch r.IntN(3) {
		case 0:
			c := rune('a' + r.IntN(26))
			for c == rs[i] {
				c = rune('a' + r.IntN(26))
			}
			rs[i] = c
		case 1:
			rs = append(rs[:i], rs[i+1:]...)
		default:
			if rs[i] == rs[i+1] {
				rs[i] = 'x'
			}
			rs[i], rs[i+1] = rs[i+1], rs[i]
		}
	}
	return string(rs)
}

// TestBenchCorpusQuotesFound checks that the benchmark measures real work:
// every quote is found where it was taken from, with the expected kind.
func TestBenchCorpusQuotesFound(t *testing.T) {
	if testing.Short() {
		t.Skip("folds a 1 MB text")
	}
	text, quotes := benchCorpus()
	ix := NewIndex(text, OptionsFor("es"))
	for i, q := range quotes {
		cs := ix.Locate(q.Quote, 5)
		if len(cs) == 0 {
			t.Errorf("quote %d %q not found", i, q.Quote)
			continue
		}
		c := cs[0]
		if c.Start >= q.End || q.Start >= c.End || c.Kind != q.Want {
			t.Errorf("quote %d %q: best candidate %s [%d,%d) %q, want %s from [%d,%d)", i, q.Quote, c.Kind, c.Start, c.End, c.Exact, q.Want, q.Start, q.End)
		}
	}
}

// TestWriteBenchCorpus writes the benchmark corpus for the comparison with
// tre-agrep: COTEJO_WRITE_BENCH_CORPUS=dir go test -run TestWriteBenchCorpus
// writes dir/text.txt and dir/quotes.txt (one quote per line).
func TestWriteBenchCorpus(t *testing.T) {
	dir := os.Getenv("COTEJO_WRITE_BENCH_CORPUS")
	if dir == "" {
		t.Skip("set COTEJO_WRITE_BENCH_CORPUS=dir to write the corpus")
	}
	text, quotes := benchCorpus()
	var qs strings.Builder
	for _, q := range quotes {
		qs.WriteString(q.Quote + "\n")
	}
	for name, content := range map[string]string{"text.txt": text, "quotes.txt": qs.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkLocate100In1MB is the batch compared with tre-agrep: fold a
// 1 MB Spanish text once, then locate 100 quotes in it, up to five
// candidates each (so the approximate search runs for nearly every quote).
// The tre-agrep peer runs in the same benchmark on the same text and
// quotes, as `LC_ALL=C.UTF-8 tre-agrep -3 -s --show-position QUOTE text`,
// once per quote: it allows three edits but folds nothing, so accents,
// case and quotation marks count as edits. "found" is the number of quotes
// with at least one match.
func BenchmarkLocate100In1MB(b *testing.B) {
	text, quotes := benchCorpus()
	b.Run("cotejo", func(b *testing.B) {
		opt := OptionsFor("es")
		found := 0
		for b.Loop() {
			ix := NewIndex(text, opt)
			found = 0
			for _, q := range quotes {
				if len(ix.Locate(q.Quote, 5)) > 0 {
					found++
				}
			}
		}
		b.ReportMetric(float64(found), "found")
	})
	b.Run("tre-agrep", func(b *testing.B) {
		exe, err := exec.LookPath("tre-agrep")
		if err != nil {
			b.Skip("tre-agrep not found (apt-get install tre-agrep): the peer is not measured")
		}
		path := filepath.Join(b.TempDir(), "text.txt")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		found := 0
		for b.Loop() {
			found = 0
			for _, q := range quotes {
				cmd := exec.Command(exe, "-3", "-s", "--show-position", "-e", q.Quote, path)
				cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
				out, err := cmd.Output()
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) { // 1: no match
					b.Fatalf("tre-agrep %q: %v", q.Quote, err)
				}
				if len(out) > 0 {
					found++
				}
			}
		}
		b.ReportMetric(float64(found), "found")
	})
}

// BenchmarkLocateIn1MB is the cost of one quote once the Index exists.
func BenchmarkLocateIn1MB(b *testing.B) {
	text, quotes := benchCorpus()
	ix := NewIndex(text, OptionsFor("es"))
	i := 0
	for b.Loop() {
		ix.Locate(quotes[i%len(quotes)].Quote, 5)
		i++
	}
}

func BenchmarkFold1MB(b *testing.B) {
	text, _ := benchCorpus()
	opt := OptionsFor("es")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fold(text, opt)
	}
}

// benchArticle generates an English article of about n words with many
// quoted passages, nested quotes and apostrophes, and tells how many
// passages it quoted.
func benchArticle(n int) (string, int) {
	r := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("the president said that officials would not accept any foreign intervention while cooperation on security and trade continued across the border with Mexico's government and Washington's envoys in the '90s students’ union don't won't it's")
	phrase := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		return strings.Join(ws, " ")
	}
	var b strings.Builder
	count, passages := 0, 0
	for count < n {
		switch r.IntN(5) {
		case 0:
			fmt.Fprintf(&b, "“%s ‘%s’ %s,” %s.", phrase(6), phrase(3), phrase(5), phrase(3))
			count += 17
			passages += 2
		case 1:
			fmt.Fprintf(&b, "%s \"%s,\" %s.", phrase(5), phrase(8), phrase(4))
			count += 17
			passages++
		case 2:
			fmt.Fprintf(&b, "%s as \"%s\" %s.", phrase(6), phrase(2), phrase(6))
			count += 15
			passages++
		default:
			fmt.Fprintf(&b, "%s.", phrase(12))
			count += 12
		}
		if r.IntN(4) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String(), passages
}

// TestDetectPassagesGeneratedArticle runs the benchmark's article, whose
// quotes hold apostrophes in every position (students’, '90s, don't), as a
// test: every quoted passage is found, and nothing else.
func TestDetectPassagesGeneratedArticle(t *testing.T) {
	article, want := benchArticle(10000)
	got := DetectPassages(article, "en")
	checkPassages(t, article, got)
	if len(got) != want {
		t.Errorf("found %d passages, the article quotes %d", len(got), want)
	}
}

func BenchmarkDetect10kWords(b *testing.B) {
	article, _ := benchArticle(10000)
	passages := 0
	for b.Loop() {
		passages = len(DetectPassages(article, "en"))
	}
	b.ReportMetric(float64(passages), "passages")
}
