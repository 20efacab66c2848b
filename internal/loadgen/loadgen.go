// Package loadgen writes a large, realistic newsroom into a database in
// bulk, to measure Cotejo at a newsroom's real size: articles whose bodies
// print English renderings of Spanish remarks in quotation marks, with the
// attribution and the disclosure of the translation; press-conference
// transcripts that hold the originals among other talk; quotes anchored in
// both, in every status of their life; and a translation memory of pairs.
//
// The text is made from parallel Spanish and English phrase patterns with
// places, figures and a long tail of names, so that word frequencies have
// the shape of real quotes: a few words in every pair, most words in few.
// Generation is deterministic for a seed.
package loadgen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
)

// Version names what Write writes: databases written by an earlier version
// are not taken for one of this version (benchmarks keep them by name).
// Bump it with any change to what is written.
const Version = 1

// Spec says how much to write.
type Spec struct {
	Articles         int // articles, one transcript each
	QuotesPerArticle int // quotes (and quoted passages) per article
	TMPairs          int // pairs of the translation memory
	Seed             uint64
	// Users are the people quotes are attributed to (translators,
	// verifiers, approvers), by id; none leaves those fields empty.
	Users []int64
}

// batchArticles is how many articles one transaction writes.
const batchArticles = 50

// Write writes what spec asks for into st.
func Write(ctx context.Context, st *store.Store, spec Spec) error {
	g := New(spec.Seed)
	for done := 0; done < spec.Articles; {
		n := min(batchArticles, spec.Articles-done)
		b := &store.Bulk{}
		for range n {
			g.Article(b, spec.QuotesPerArticle, spec.Users)
		}
		if err := st.WriteBulk(ctx, b); err != nil {
			return fmt.Errorf("loadgen: articles %d–%d: %w", done+1, done+n, err)
		}
		done += n
	}
	for done := 0; done < spec.TMPairs; {
		n := min(5000, spec.TMPairs-done)
		b := &store.Bulk{TM: g.Pairs(n)}
		if err := st.WriteBulk(ctx, b); err != nil {
			return fmt.Errorf("loadgen: memory pairs %d–%d: %w", done+1, done+n, err)
		}
		done += n
	}
	return nil
}

// Gen makes the rows; New seeds it.
type Gen struct {
	r     *rand.Rand
	names []string
	clock time.Time
	n     int
}

// New returns a generator for a seed.
func New(seed uint64) *Gen {
	g := &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), clock: time.Date(2025, 1, 6, 7, 0, 0, 0, time.UTC)}
	// The long tail: some twenty thousand surnames of two or three
	// syllables, as the names, firms and places of real remarks are.
	syll := []string{"ba", "ca", "da", "fe", "go", "hu", "la", "me", "ni", "no", "pa", "que", "ra", "ri", "sa", "so", "ta", "tu", "va", "ve", "za", "zo", "mar", "tel", "ran", "quin", "dor", "bel", "cas", "tor"}
	seen := map[string]bool{}
	for len(g.names) < 20000 {
		k := 2 + g.r.IntN(2)
		var b strings.Builder
		for range k {
			b.WriteString(syll[g.r.IntN(len(syll))])
		}
		s := b.String()
		s = strings.ToUpper(s[:1]) + s[1:]
		if !seen[s] {
			seen[s] = true
			g.names = append(g.names, s)
		}
	}
	return g
}

// pair is a phrase pattern in both languages; %[1]s is a topic, %[2]s a
// place, %[3]d a figure, %[4]s a name.
type pair struct{ es, en string }

var patterns = []pair{
	{"No vamos a permitir que %[1]s afecte a las familias de %[2]s, y lo dijo también %[4]s.", "We are not going to let %[1]s hurt families in %[2]s, and %[4]s said so too."},
	{"Este año vamos a invertir %[3]d millones de pesos en %[1]s en %[2]s, según el informe de %[4]s.", "This year we are going to invest %[3]d million pesos in %[1]s in %[2]s, according to %[4]s's report."},
	{"En %[2]s ya hay %[3]d obras de %[1]s terminadas y %[4]s las va a entregar la próxima semana.", "In %[2]s there are already %[3]d finished %[1]s works, and %[4]s will hand them over next week."},
	{"Lo que dice %[4]s sobre %[1]s no es cierto; en %[2]s los datos muestran otra cosa.", "What %[4]s says about %[1]s is not true; in %[2]s the data show something else."},
	{"Hablamos con %[4]s y acordamos revisar %[1]s en %[2]s cada %[3]d días.", "We spoke with %[4]s and agreed to review %[1]s in %[2]s every %[3]d days."},
	{"Nunca hemos ocultado las cifras de %[1]s: son %[3]d casos en %[2]s, y %[4]s lo sabe.", "We have never hidden the %[1]s figures: there are %[3]d cases in %[2]s, and %[4]s knows it."},
	{"La coordinación con %[2]s sobre %[1]s es permanente; %[4]s viene el día %[3]d.", "Coordination with %[2]s on %[1]s is constant; %[4]s is coming on the %[3]dth."},
	{"Queremos que %[1]s llegue a %[3]d municipios de %[2]s antes de fin de año, como pidió %[4]s.", "We want %[1]s to reach %[3]d municipalities in %[2]s before the end of the year, as %[4]s asked."},
	{"No hay ninguna investigación abierta contra %[4]s por %[1]s en %[2]s.", "There is no open investigation into %[4]s over %[1]s in %[2]s."},
	{"Si %[4]s tiene pruebas sobre %[1]s, que las presente; en %[2]s hay %[3]d denuncias.", "If %[4]s has evidence on %[1]s, let them present it; in %[2]s there are %[3]d complaints."},
	{"Vamos a dar %[3]d becas más para %[1]s en %[2]s, y la secretaria %[4]s va a informar.", "We are going to give %[3]d more scholarships for %[1]s in %[2]s, and Secretary %[4]s will report."},
	{"El apoyo de %[1]s aumentó %[3]d por ciento en %[2]s, de acuerdo con %[4]s.", "Support for %[1]s rose %[3]d percent in %[2]s, according to %[4]s."},
}

var topics = []pair{
	{"la inflación", "inflation"}, {"el programa de vivienda", "the housing program"}, {"la seguridad", "security"},
	{"el agua", "water"}, {"el tren de pasajeros", "the passenger train"}, {"la salud", "health care"},
	{"los aranceles", "tariffs"}, {"las remesas", "remittances"}, {"el huracán", "the hurricane"},
	{"la reforma judicial", "judicial reform"}, {"las pensiones", "pensions"}, {"la refinería", "the refinery"},
	{"el precio de la gasolina", "gasoline prices"}, {"la migración", "migration"}, {"las escuelas", "schools"},
	{"el maíz", "corn"}, {"la energía eléctrica", "electricity"}, {"los hospitales", "hospitals"},
}

var places = []string{"Oaxaca", "Guerrero", "Sonora", "Tamaulipas", "Chiapas", "Jalisco", "Yucatán", "Michoacán",
	"Veracruz", "Zacatecas", "Durango", "Puebla", "Hidalgo", "Campeche", "Tabasco", "Sinaloa", "Coahuila", "Nayarit"}

// asides are what a transcript holds between the remarks that get quoted.
var asides = []string{"Bueno, vamos a ver.", "—Siéntense, por favor—.", "A ver, adelante.", "Sí, claro.", "Les comento.",
	"Muy bien, gracias.", "Es un tema importante.", "Luego lo vemos con más detalle."}

// Pair is one remark in Spanish and its English rendering.
func (g *Gen) Pair() (es, en string) {
	p := patterns[g.r.IntN(len(patterns))]
	t := topics[g.r.IntN(len(topics))]
	place := places[g.r.IntN(len(places))]
	n := 2 + g.r.IntN(900)
	name := g.names[g.zipf(len(g.names))]
	return fmt.Sprintf(p.es, t.es, place, n, name), fmt.Sprintf(p.en, t.en, place, n, name)
}

// zipf picks an index in [0, n) with a few indexes often and most rarely.
func (g *Gen) zipf(n int) int {
	f := g.r.Float64()
	return int(float64(n) * f * f * f)
}

// Pairs returns n memory pairs.
func (g *Gen) Pairs(n int) []*cotejo.TMUnit {
	out := make([]*cotejo.TMUnit, n)
	for i := range out {
		es, en := g.Pair()
		out[i] = &cotejo.TMUnit{Source: cotejo.LangText{Text: es, Lang: "es-MX"}, Target: cotejo.LangText{Text: en, Lang: "en"},
			Origin: "loadgen", CreatedAt: g.tick()}
	}
	return out
}

func (g *Gen) tick() time.Time {
	g.clock = g.clock.Add(time.Duration(1+g.r.IntN(90)) * time.Second)
	return g.clock
}

// statuses a generated quote can be in, with their weights.
var statuses = []struct {
	s cotejo.QuoteStatus
	w int
}{{cotejo.QuoteDraft, 30}, {cotejo.QuoteTranslated, 20}, {cotejo.QuoteVerified, 15}, {cotejo.QuoteApproved, 25},
	{cotejo.QuoteNeedsReview, 5}, {cotejo.QuoteRejected, 5}}

func (g *Gen) status() cotejo.QuoteStatus {
	k := g.r.IntN(100)
	for _, s := range statuses {
		if k < s.w {
			return s.s
		}
		k -= s.w
	}
	return cotejo.QuoteDraft
}

// Article adds to b one article of quotes quotes with its transcript.
func (g *Gen) Article(b *store.Bulk, quotes int, users []int64) {
	g.n++
	at := g.tick()
	speaker := "Claudia Sheinbaum"
	var body, src strings.Builder
	bodyLen, srcLen := 0, 0
	write := func(sb *strings.Builder, n *int, s string) (start, end int) {
		start = *n
		sb.WriteString(s)
		*n += utf8.RuneCountInString(s)
		return start, *n
	}
	write(&body, &bodyLen, fmt.Sprintf("MEXICO CITY — President Claudia Sheinbaum answered questions for two hours at her morning news conference on day %d.\n\n", g.n))
	write(&src, &srcLen, "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días a todas y a todos.\n\n")
	type spans struct{ s, e, as, ae int }
	qs := make([]*cotejo.Quote, quotes)
	pos := make([]spans, quotes)
	for i := range quotes {
		es, en := g.Pair()
		if g.r.IntN(3) == 0 {
			write(&src, &srcLen, "PREGUNTA: ¿Y sobre el tema del día?\n\nPRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: ")
		}
		write(&src, &srcLen, asides[g.r.IntN(len(asides))]+" ")
		s, e := write(&src, &srcLen, es)
		write(&src, &srcLen, "\n\n")
		write(&body, &bodyLen, "“")
		as, ae := write(&body, &bodyLen, en)
		write(&body, &bodyLen, "”, Sheinbaum said in Spanish.\n\n")
		pos[i] = spans{s, e, as, ae}
		q := &cotejo.Quote{Speaker: speaker, Original: cotejo.LangText{Text: es, Lang: "es-MX"},
			Rendering: cotejo.LangText{Text: en, Lang: "en"}, Status: g.status(), Overrides: []cotejo.Override{},
			CreatedAt: at, UpdatedAt: g.tick()}
		if len(users) > 0 {
			t := users[g.r.IntN(len(users))]
			q.TranslatorID, q.LastEditorID = &t, &t
			if q.Status == cotejo.QuoteVerified || q.Status == cotejo.QuoteApproved {
				v := users[g.r.IntN(len(users))]
				q.VerifierID, q.VerifiedAt = &v, &q.UpdatedAt
			}
			if q.Status == cotejo.QuoteApproved {
				a := users[g.r.IntN(len(users))]
				q.ApproverID, q.ApprovedAt = &a, &q.UpdatedAt
			}
		}
		qs[i] = q
	}
	bodyText, srcText := body.String(), src.String()
	status := cotejo.ArticleDraft
	switch k := g.r.IntN(10); {
	case k == 0:
		// Published: every quote approved, as the gate wants.
		status = cotejo.ArticlePublished
		for _, q := range qs {
			q.Status = cotejo.QuoteApproved
		}
	case k < 4:
		status = cotejo.ArticleInReview
	}
	a := &cotejo.Article{Headline: fmt.Sprintf("Sheinbaum on %s, day %d", topics[g.n%len(topics)].en, g.n),
		Body: bodyText, Language: "en", Outlet: "The Daily Record", Byline: "Staff", Dateline: "MEXICO CITY",
		Status: status, CreatedAt: at, UpdatedAt: g.tick()}
	source := &cotejo.Source{Kind: cotejo.KindTranscript, Title: fmt.Sprintf("Versión estenográfica, conferencia %d", g.n),
		Language: "es-MX", Text: srcText, RecordedAt: at.Format("2006-01-02"), Speakers: []string{speaker},
		CreatedAt: at, UpdatedAt: at}
	ai, si := len(b.Articles), len(b.Sources)
	b.Articles = append(b.Articles, a)
	b.Sources = append(b.Sources, source)
	for i, q := range qs {
		p := pos[i]
		q.SourceAnchor = selector(srcText, p.s, p.e)
		q.ArticleAnchor = selector(bodyText, p.as, p.ae)
		if q.Status == cotejo.QuoteVerified || q.Status == cotejo.QuoteApproved {
			q.VerifiedHash = q.Fingerprint()
		}
		b.Quotes = append(b.Quotes, store.BulkQuote{Quote: q, Article: ai, Source: si})
	}
}

func selector(text string, start, end int) *cotejo.Anchor {
	s, err := anchor.SelectorAt(text, start, end)
	if err != nil {
		panic("loadgen: " + err.Error()) // the offsets were counted here
	}
	return &cotejo.Anchor{Start: s.Start, End: s.End, Exact: s.Exact, Prefix: s.Prefix, Suffix: s.Suffix, State: cotejo.AnchorExact}
}

// Name names what spec writes, for a file or schema that keeps it: the
// version and the spec's counts and seed.
func (spec Spec) Name() string {
	return fmt.Sprintf("loadgen%d-s%d-a%d-q%d-tm%d", Version, spec.Seed, spec.Articles, spec.QuotesPerArticle, spec.TMPairs)
}
