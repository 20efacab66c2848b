package anchor

import (
	"strings"
	"testing"
)

// seedBody returns the body of the seed article: every paragraph after the
// second occurrence of its headline.
func seedBody(t testing.TB) string {
	t.Helper()
	const headline = "Sheinbaum Firmly Rejects Trump's Offer of U.S. Military Intervention in Mexico"
	article := readTestdata(t, "seed-article.txt")
	first := strings.Index(article, headline)
	second := strings.Index(article[first+len(headline):], headline)
	if first < 0 || second < 0 {
		t.Fatal("seed article without its headline twice")
	}
	return strings.TrimSpace(article[first+len(headline)+second+len(headline):])
}

func TestDetectPassagesSeedArticle(t *testing.T) {
	body := seedBody(t)
	got := DetectPassages(body, "en")
	want := []struct {
		text  string
		short bool
	}{
		{"We don't want intervention from any foreign government", false},
		{"collaboration and coordination without subordination", false},
		{"terrorist organizations", true},
		{"So let me just put it this way, I am not happy with Mexico", false},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d passages %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.Text != w.text || p.Short != w.short || p.Depth != 0 || p.Open != `"` || p.Close != `"` {
			t.Errorf("passage %d = %+v, want %q short=%v depth 0 with straight quotes", i, p, w.text, w.short)
		}
	}
	checkPassages(t, body, got)
}

// checkPassages asserts the invariants every result of DetectPassages keeps.
func checkPassages(t testing.TB, body string, ps []Passage) {
	t.Helper()
	rs := []rune(NFC(body))
	for i, p := range ps {
		if p.Start < 0 || p.Start > p.End || p.End > len(rs) {
			t.Fatalf("passage %d: span [%d, %d) out of [0, %d]", i, p.Start, p.End, len(rs))
		}
		if got := string(rs[p.Start:p.End]); got != p.Text {
			t.Errorf("passage %d: Text %q, body there %q", i, p.Text, got)
		}
		if p.Text == "" {
			t.Errorf("passage %d is empty", i)
		}
		if i > 0 && ps[i-1].Start > p.Start {
			t.Errorf("passages %d and %d not sorted by Start", i-1, i)
		}
		depth := 0
		for j, q := range ps {
			if j == i {
				continue
			}
			crosses := q.Start < p.Start && p.Start < q.End && q.End < p.End ||
				p.Start < q.Start && q.Start < p.End && p.End < q.End
			if crosses {
				t.Errorf("passages %d %+v and %d %+v cross", i, p, j, q)
			}
			if q.Start <= p.Start && p.End <= q.End && (q.Start != p.Start || q.End != p.End || j < i) {
				depth++
			}
		}
		if p.Depth != depth {
			t.Errorf("passage %d %q: Depth %d, but %d passages contain it", i, p.Text, p.Depth, depth)
		}
	}
}

// want is a passage expectation: its text, and optionally its marks and depth.
type want struct {
	text        string
	open, close string
	depth       int
	short       bool
}

var passageTests = []struct {
	name string
	lang string
	body string
	want []want
}{
	{
		"curly quotes with nested single quotes", "en",
		"He said: “They told me ‘we offer an intervention,’ and I refused.”",
		[]want{
			{text: "They told me ‘we offer an intervention,’ and I refused", open: "“", close: "”"},
			{text: "we offer an intervention", open: "‘", close: "’", depth: 1},
		},
	},
	{
		"apostrophes are not quotes", "en",
		"Mexico's president and Trump’s envoy don't meet at 5 o'clock in the ’90s, rock ’n’ roll or rock 'n' roll, in the '80s.",
		nil,
	},
	{
		"apostrophes inside a quote", "en",
		"“Mexico's sovereignty isn’t for sale in the ’90s or now,” she said.",
		[]want{{text: "Mexico's sovereignty isn’t for sale in the ’90s or now", open: "“", close: "”"}},
	},
	{
		"plural possessive inside single quotes", "en",
		"‘The students’ union will march tomorrow’, he said.",
		[]want{{text: "The students’ union will march tomorrow", open: "‘", close: "’"}},
	},
	{
		"plural possessive closes when nothing else can", "en",
		"He called it ‘a matter for the states’ and left.",
		[]want{{text: "a matter for the states", open: "‘", close: "’"}},
	},
	{
		"plural possessive outside any quote", "en",
		"The students’ union met. “We will march,” they said.",
		[]want{{text: "We will march", open: "“", close: "”", short: true}},
	},
	{
		"straight single quotes and elisions", "en",
		"She said 'we stay' and 'em all left 'cause of it.",
		[]want{{text: "we stay", open: "'", close: "'", short: true}},
	},
	{
		"short passage", "en",
		`designated as "terrorist organizations," a classification`,
		[]want{{text: "terrorist organizations", open: `"`, close: `"`, short: true}},
	},
	{
		"ellipsis is kept", "en",
		`"I wonder..." he said.`,
		[]want{{text: "I wonder...", open: `"`, close: `"`, short: true}},
	},
	{
		"French guillemets with inner no-break spaces", "fr",
		"Elle a déclaré : « Nous ne voulons pas d’intervention étrangère. » Puis : «\u202fNon\u202f»",
		[]want{
			{text: "Nous ne voulons pas d’intervention étrangère", open: "«", close: "»"},
			{text: "Non", open: "«", close: "»", short: true},
		},
	},
	{
		"Spanish guillemets with nested curly quotes", "es",
		"Dijo: «No aceptamos lo que llaman “ayuda militar” de nadie».",
		[]want{
			{text: "No aceptamos lo que llaman “ayuda militar” de nadie", open: "«", close: "»"},
			{text: "ayuda militar", open: "“", close: "”", depth: 1, short: true},
		},
	},
	{
		"German low-high quotes with nested single", "de",
		"Sie sagte: „Wir wollen keine ‚Hilfe‘ aus dem Ausland.“ Dann ging sie.",
		[]want{
			{text: "Wir wollen keine ‚Hilfe‘ aus dem Ausland", open: "„", close: "“"},
			{text: "Hilfe", open: "‚", close: "‘", depth: 1, short: true},
		},
	},
	{
		"German reversed guillemets", "de",
		"Sie sagte: »Wir wollen keine Intervention.« Dann ging sie.",
		[]want{{text: "Wir wollen keine Intervention", open: "»", close: "«"}},
	},
	{
		"Portuguese and Italian", "pt",
		"Ela disse: “Não queremos intervenção estrangeira”. E ainda: «Nunca mais»",
		[]want{
			{text: "Não queremos intervenção estrangeira", open: "“", close: "”"},
			{text: "Nunca mais", open: "«", close: "»", short: true},
		},
	},
	{
		"CJK corner brackets", "ja",
		"大統領は「外国の介入は受け入れない。『主権』は譲れない」と述べた。",
		[]want{
			{text: "外国の介入は受け入れない。『主権』は譲れない", open: "「", close: "」"},
			{text: "主権", open: "『", close: "』", depth: 1, short: true},
		},
	},
	{
		"English multi-paragraph quote", "en",
		"“This is the first paragraph of a long statement.\n\n“This is the second one.\n\n“And this is the end,” she said.\n\nNext paragraph.",
		[]want{{
			text:  "This is the first paragraph of a long statement.\n\n“This is the second one.\n\n“And this is the end",
			open:  "“",
			close: "”",
		}},
	},
	{
		"unclosed quote stops at the paragraph end", "en",
		"He said \"we will never accept it and left.\n\nThe next paragraph has \"its own quote\" here.",
		[]want{
			{text: "we will never accept it and left", open: `"`},
			{text: "its own quote", open: `"`, close: `"`, short: true},
		},
	},
	{
		"unclosed single quote is an apostrophe", "en",
		"The ‘rumours about the deal spread.",
		nil,
	},
	{
		"Spanish dialogue", "es",
		"—No vamos a permitir una intervención —dijo la presidenta—. Es nuestra soberanía.\n\n—¿Y la colaboración? —preguntó un periodista.\n\nNarración sin diálogo.",
		[]want{
			{text: "No vamos a permitir una intervención", open: "—"},
			{text: "Es nuestra soberanía", open: "—", short: true},
			{text: "¿Y la colaboración?", open: "—", short: true},
		},
	},
	{
		"an English paragraph opening with a dash is no dialogue", "en",
		"— Mark Twain",
		nil,
	},
	{
		"lines as paragraphs when there is no blank line", "en",
		"\"First line quote\nSecond line \"closed here\"",
		[]want{
			{text: "First line quote", open: `"`, short: true},
			{text: "closed here", open: `"`, close: `"`, short: true},
		},
	},
	{
		"CRLF and NFD input", "es",
		"Dijo: “intervencio\u0301n extranjera, no”\r\n\r\nOtro párrafo.",
		[]want{{text: "intervención extranjera, no", open: "“", close: "”", short: true}},
	},
	{"empty body", "en", "", nil},
	{"empty quotes", "en", `He said "" and “ ”.`, nil},
}

func TestDetectPassages(t *testing.T) {
	for _, tt := range passageTests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectPassages(tt.body, tt.lang)
			checkPassages(t, tt.body, got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d passages %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				p := got[i]
				if p.Text != w.text || p.Open != w.open || p.Close != w.close || p.Depth != w.depth || p.Short != w.short {
					t.Errorf("passage %d = %q %s…%s depth %d short %v, want %q %s…%s depth %d short %v",
						i, p.Text, p.Open, p.Close, p.Depth, p.Short, w.text, w.open, w.close, w.depth, w.short)
				}
			}
		})
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"terrorist organizations", 2},
		{"don't stop", 2},
		{"rock ’n’ roll", 3},
		{"well-known fact", 2},
		{"...", 0},
		{"主権", 2},
		{"año 2025", 2},
	}
	for _, tt := range tests {
		if got := wordCount(tt.s); got != tt.want {
			t.Errorf("wordCount(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
