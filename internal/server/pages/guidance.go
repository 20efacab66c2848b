package pages

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/transcript"
	"github.com/cotejo/cotejo/internal/workflow"
)

// What the workbench and the quote page say to the person at work: where a
// save or a move went on to, how far the article is, and who may have said
// a quote. What a refused move needs is said by Page.ErrorText, as on
// every page.

// moveFlash is the message a move leaves for the next page, by its target.
func moveFlash(to cotejo.QuoteStatus) string {
	if _, ok := flashKeys["moved_"+string(to)]; ok {
		return "moved_" + string(to)
	}
	return "moved"
}

// Where a save or a move went on to, appended to its flash: "next" (the
// page shows the next place that waits for the person), "end" (nothing
// else waits).
const (
	flashNext = "next"
	flashEnd  = "end"
)

// withTail appends a tail to a flash key for the next page.
func withTail(key, tail string) string { return key + "|" + tail }

// sayWhereNext finishes the workbench's flash after a save or a move: the
// place it went on to, or that nothing else waits.
func (pg *Pages) sayWhereNext(p *Page, d *workbenchData) {
	switch p.flashTail {
	case flashNext:
		if e := d.Editor; e != nil {
			p.Flash += " " + p.T("Next: %s", describeStop(p, e))
		}
	case flashEnd:
		p.Flash += " " + p.T("Nothing else in this article waits for you.")
	}
}

// describeStop names the place an editor shows: the quote with its
// rendering, or the passage.
func describeStop(p *Page, e *editor) string {
	if e.Quote != nil {
		return p.T("quote #%d", int(e.Quote.ID)) + " “" + clipText(e.Quote.Rendering.Text, 60) + "”"
	}
	return p.T("the passage") + " “" + clipText(e.Rendering, 60) + "”"
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// progressPart is one state of the article's quoted passages, as the
// progress bar shows it: its share and its count.
type progressPart struct {
	Key     string
	Label   string
	Count   int
	Percent float64
	From    float64 // where its share starts, in percent of the bar
}

// progressOf counts the article's quoted passages by what became of them,
// from the furthest along (approved) to the untouched (unlinked): the bar
// is green only as far as quotes are approved.
func progressOf(p *Page, passages []workflow.PassageView) []progressPart {
	order := []struct{ key, label string }{
		{"approved", p.T("approved")}, {"verified", p.T("verified")}, {"translated", p.T("translated, to review")},
		{"back", p.T("sent back or changed")}, {"draft", p.T("in draft")}, {"started", p.T("started, without its original or evidence")},
		{"ignored", p.T("not translated quotes")}, {"unlinked", p.T("unlinked")},
	}
	counts := map[string]int{}
	total := 0
	for _, ps := range passages {
		if ps.Depth > 0 {
			continue
		}
		total++
		switch {
		case ps.Ignored:
			counts["ignored"]++
		case ps.QuoteID == nil:
			counts["unlinked"]++
		case !ps.QuoteComplete:
			counts["started"]++
		case ps.QuoteStatus == cotejo.QuoteApproved:
			counts["approved"]++
		case ps.QuoteStatus == cotejo.QuoteVerified:
			counts["verified"]++
		case ps.QuoteStatus == cotejo.QuoteTranslated:
			counts["translated"]++
		case ps.QuoteStatus == cotejo.QuoteNeedsReview || ps.QuoteStatus == cotejo.QuoteRejected:
			counts["back"]++
		default:
			counts["draft"]++
		}
	}
	var out []progressPart
	at := 0.0
	for _, o := range order {
		if n := counts[o.key]; n > 0 {
			share := 100 * float64(n) / float64(total)
			out = append(out, progressPart{Key: o.key, Label: o.label, Count: n, Percent: share, From: at})
			at += share
		}
	}
	return out
}

// X and W place the part on the bar (an SVG of width 100: the page's
// policy allows no inline styles).
func (pp progressPart) X() string { return strconv.FormatFloat(pp.From, 'f', 2, 64) }

// W is the part's width on the bar.
func (pp progressPart) W() string { return strconv.FormatFloat(pp.Percent, 'f', 2, 64) }

// attribution finds who an English or Spanish article says spoke:
// "Sheinbaum said", "said Claudia Sheinbaum", "dijo Sheinbaum".
var (
	attributionAfter  = regexp.MustCompile(`\b((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]+)\s+(?:said|says|added|told|stated|insisted|asked|noted|declared|explained|replied|answered|dijo|afirmó|señaló|añadió|aseguró|declaró)\b`)
	attributionBefore = regexp.MustCompile(`\b(?:said|says|added|according to|dijo|afirmó|señaló|añadió|aseguró|declaró)\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]+)`)
)

// notNames are capitalized words that start a sentence but name nobody.
var notNames = map[string]bool{"He": true, "She": true, "They": true, "It": true, "We": true, "I": true, "The": true, "Ella": true, "Él": true, "El": true, "La": true}

// speakerChoices are the names the speaker field offers: who the article
// says spoke near the passage [start, end) of its body first, then the
// source's speakers and the names of its turns; a surname the article
// uses is offered with the source's full name for it.
func speakerChoices(src *cotejo.Source, turns []transcript.Turn, body []rune, start, end int) []string {
	var out []string
	add := func(name string) {
		name = strings.TrimSpace(name)
		if name != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, name) }) {
			out = append(out, name)
		}
	}
	var known []string
	if src != nil {
		known = append(known, src.Speakers...)
		for _, t := range turns {
			if t.Speaker != "" && !t.Question {
				known = append(known, t.Speaker)
			}
		}
	}
	for _, name := range attributionNear(body, start, end) {
		for _, k := range known {
			if containsWord(k, lastWord(name)) {
				add(k)
			}
		}
		add(name)
	}
	for _, k := range known {
		add(k)
	}
	return out
}

// attributionNear lists the names the body gives a quote near [start, end):
// in the paragraph of the passage, nearest first.
func attributionNear(rs []rune, start, end int) []string {
	if start < 0 || end > len(rs) || end < start {
		return nil
	}
	from, to := start, end
	for from > 0 && start-from < 300 && !(rs[from-1] == '\n') {
		from--
	}
	for to < len(rs) && to-end < 300 && rs[to] != '\n' {
		to++
	}
	para := string(rs[from:to])
	at := len(string(rs[from:start])) // the passage's byte offset in para
	type found struct {
		name string
		dist int
	}
	var fs []found
	for _, re := range []*regexp.Regexp{attributionAfter, attributionBefore} {
		for _, m := range re.FindAllStringSubmatchIndex(para, -1) {
			name := strings.TrimSpace(para[m[2]:m[3]])
			words := strings.Fields(name)
			for len(words) > 0 && notNames[words[0]] {
				words = words[1:]
			}
			if len(words) == 0 {
				continue
			}
			d := m[2] - at
			if d < 0 {
				d = -d
			}
			fs = append(fs, found{strings.Join(words, " "), d})
		}
	}
	slices.SortStableFunc(fs, func(x, y found) int { return x.dist - y.dist })
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.name) {
			out = append(out, f.name)
		}
	}
	return out
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// containsWord reports whether name has word as one of its words, ignoring case.
func containsWord(name, word string) bool {
	if word == "" {
		return false
	}
	return slices.ContainsFunc(strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }), func(w string) bool {
		return strings.EqualFold(w, word)
	})
}

// moveStep is what the "move-step" template takes: the moves a person may
// make with a quote, and whether a reason box goes with them.
type moveStep struct {
	P              *Page
	Moves          []moveButton
	ShowReason     bool
	Reason         string
	SkipTranslated bool // the form's bar offers marking it translated
}

// MoveStep pairs the page with a quote's moves.
func (p *Page) MoveStep(moves []moveButton, showReason bool, reason string, skipTranslated bool) moveStep {
	return moveStep{P: p, Moves: moves, ShowReason: showReason, Reason: reason, SkipTranslated: skipTranslated}
}

// moveKeys are the shortcuts of the moves (cotejo.js).
var moveKeys = map[cotejo.QuoteStatus]string{cotejo.QuoteVerified: "Alt+V", cotejo.QuoteRejected: "Alt+R",
	cotejo.QuoteTranslated: "Alt+T", cotejo.QuoteApproved: "Alt+A"}

// MoveKey is the shortcut of a move, "" for none.
func (p *Page) MoveKey(to cotejo.QuoteStatus) string { return moveKeys[to] }
