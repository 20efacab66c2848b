package pages

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/transcript"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The evidence pane of the workbench and of the quote page: the source a
// quote cites, shown around the quote's place rather than whole (a
// three-hour transcript is hundreds of kilobytes), with a search of the
// whole source, the recording with a player for the quote's moment, and
// the candidates of a locate or of a search from the English. Without
// JavaScript its links move the window and its forms search; the script
// (cotejo.js) fetches more text, plays ranges and fills the editor.

// evidenceWindow is how much of a long source the pane shows at first, in
// code points around the place it shows: a few screens of transcript.
const (
	windowBefore = 1500
	windowAfter  = 3500
	windowSlack  = 400  // how far the window's edges move to a line break
	wholeSource  = 6000 // a source this short is shown whole
)

// evidenceView is the evidence pane.
type evidenceView struct {
	Source *cotejo.Source // with its text
	// Choices are the article's sources with a text, to switch between
	// (the workbench), each with the link that shows it.
	Choices []sourceChoice
	From    int // the window [From, To) of the source's Length code points
	To      int
	Length  int
	Segs    []segment
	// Earlier and Later link the windows before and after this one.
	Earlier, Later string
	Player         *playerView
	// The search of the source: the form's action and the fields it
	// keeps, the query and what it found.
	Action   string
	Keep     []formField
	Query    string
	Hits     []hitView
	More     bool
	Searched bool
	// Pick says how a hit or candidate is used here: "fill" (the editor's
	// form, by script) or a link to the workbench's editor (PickHref with
	// pick=START-END appended); "" for neither.
	Pick     string
	PickHref string
}

// sourceChoice is a source the pane can show instead.
type sourceChoice struct {
	ID      int64
	Title   string
	Href    string
	Current bool
}

// formField is a hidden field of a form that keeps the page's state.
type formField struct{ Name, Value string }

// playerView is the player of a source's recording: its address, and the
// range it plays first (the quote's moment) when known.
type playerView struct {
	Src      string
	SourceID int64
	Timed    bool // the source has a time map (cues) to follow the text
	HasRange bool
	Start    float64
	End      float64
}

// Range shows the player's range as the page says it (m:ss.s–m:ss.s).
func (v *playerView) Range() string { return clock(v.Start) + "–" + clock(v.End) }

// clock shows seconds as m:ss.s.
func clock(s float64) string {
	if s < 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return ""
	}
	m := int(s) / 60
	return fmt.Sprintf("%d:%04.1f", m, s-float64(m*60))
}

// hitView is a place in the source: a concordance hit, or a candidate of a
// locate or of a search from the English, as the pane lists it.
type hitView struct {
	Start, End int
	Exact      string
	Before     string
	After      string
	Speaker    string
	Percent    int    // where in the source, from its start
	Kind       string // how it matched, in the page's words
	Strong     bool   // a strong candidate of a search from the English
	Score      int    // percent; 0 when not shown
	Parts      []textPart
	Href       string // shows the source around it (without the script)
	Checked    bool
}

// playerFor is the player of src, with the range of quote media when given.
func playerFor(src *cotejo.Source, media *cotejo.MediaRange) *playerView {
	var p *playerView
	switch {
	case src.Recording != nil:
		p = &playerView{Src: "/api/v1/sources/" + strconv.FormatInt(src.ID, 10) + "/media"}
	case src.MediaURL != "":
		p = &playerView{Src: src.MediaURL}
	default:
		return nil
	}
	p.SourceID, p.Timed = src.ID, src.Timed
	if media != nil && media.End > media.Start {
		p.HasRange, p.Start, p.End = true, media.Start, media.End
	}
	return p
}

// windowAround is the part of a text of n code points that the pane shows
// to show [start, end): all of a short text, else from a little before the
// place to a few screens after, at line breaks.
func windowAround(rs []rune, start, end int) workflow.Excerpt {
	n := len(rs)
	if n <= wholeSource {
		return workflow.Excerpt{Start: 0, End: n, Length: n, Text: string(rs)}
	}
	start, end = min(max(start, 0), n), min(max(end, start), n)
	from := max(start-windowBefore, 0)
	to := min(max(end, from)+windowAfter, n)
	return workflow.ExcerptOf(rs, from, to, windowSlack)
}

// newEvidence builds the pane over src (with its text) showing the window
// around [at, atEnd), with marks (offsets into the whole text).
func newEvidence(src *cotejo.Source, rs []rune, at, atEnd int, marks []mark) *evidenceView {
	w := windowAround(rs, at, atEnd)
	v := &evidenceView{Source: src, From: w.Start, To: w.End, Length: w.Length}
	var local []mark
	for _, m := range marks {
		if m.end <= w.Start || m.start >= w.End {
			continue
		}
		m.start, m.end = max(m.start, w.Start)-w.Start, min(m.end, w.End)-w.Start
		local = append(local, m)
	}
	v.Segs = segments(w.Text, local)
	for i := range v.Segs {
		v.Segs[i].Start += w.Start
		v.Segs[i].End += w.Start
	}
	return v
}

// links sets the pane's links and search form on the page at path with
// query params (the page's own state, without the pane's at and sq).
func (v *evidenceView) links(path string, params url.Values) {
	keep := url.Values{}
	for k, vs := range params {
		if k != "at" && k != "sq" && len(vs) > 0 {
			keep.Set(k, vs[0])
		}
	}
	href := func(at int) string {
		q := url.Values{}
		for k, vs := range keep {
			q[k] = vs
		}
		q.Set("at", strconv.Itoa(at))
		return path + "?" + q.Encode() + "#evidence"
	}
	if v.From > 0 {
		v.Earlier = href(max(v.From-windowAfter, 0))
	}
	if v.To < v.Length {
		v.Later = href(v.To + windowBefore)
	}
	v.Action = path
	for _, k := range sortedKeys(keep) {
		v.Keep = append(v.Keep, formField{k, keep.Get(k)})
	}
	for i := range v.Hits {
		v.Hits[i].Href = href(v.Hits[i].Start)
	}
}

func sortedKeys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// search runs the pane's search (the request's sq) over the source.
func (v *evidenceView) search(p *Page, c *gin.Context, turns []transcript.Turn) {
	v.Query = strings.TrimSpace(c.Query("sq"))
	if v.Query == "" || cotejo.CheckText("q", v.Query) != nil {
		return
	}
	v.Searched = true
	hits, more := workflow.Concordance(v.Source.Text, v.Source.Language, v.Query, 50)
	v.More = more
	for _, h := range hits {
		v.Hits = append(v.Hits, hitView{Start: h.Start, End: h.End, Exact: h.Exact, Before: h.Context.Before, After: h.Context.After,
			Speaker: h.Speaker, Percent: percentIn(h.Start, v.Length), Kind: p.CandidateLabel(h.Kind)})
	}
}

func percentIn(at, n int) int {
	if n == 0 {
		return 0
	}
	return at * 100 / n
}

// located lists the candidates of a locate as the pane shows them.
func located(p *Page, rs []rune, turns []transcript.Turn, cands []anchor.Candidate) []hitView {
	var out []hitView
	for i, k := range cands {
		lo := 0
		if t, ok := transcript.At(turns, k.Start); ok {
			lo = t.Start
		}
		ctx := workflow.ContextOf(rs, lo, k.Start, k.End)
		out = append(out, hitView{Start: k.Start, End: k.End, Exact: k.Exact, Before: ctx.Before, After: ctx.After,
			Speaker: workflow.SpeakerIn(turns, k.Start), Percent: percentIn(k.Start, len(rs)), Kind: p.CandidateLabel(k.Kind),
			Score: p.Percent(k.Score), Checked: i == 0})
	}
	return out
}

// foundFromEnglish lists the candidates of a search from the English, with
// the words that matched marked.
func foundFromEnglish(p *Page, rs []rune, res *crosslingual.Result) []hitView {
	var out []hitView
	for i, k := range res.Candidates {
		h := hitView{Start: k.Start, End: k.End, Exact: k.Exact, Before: k.Context.Before, After: k.Context.After,
			Speaker: k.Speaker, Percent: percentIn(k.Start, len(rs)), Strong: k.Strength == crosslingual.Strong,
			Score: p.Percent(k.Score), Checked: i == 0}
		h.Kind = p.T("possible")
		if h.Strong {
			h.Kind = p.T("strong")
		}
		pos := k.Start
		for _, m := range k.Matched {
			if m.Start < pos || m.End > k.End || m.Start >= m.End {
				continue
			}
			if m.Start > pos {
				h.Parts = append(h.Parts, textPart{Text: string(rs[pos:m.Start])})
			}
			h.Parts = append(h.Parts, textPart{Text: string(rs[m.Start:m.End]), Mention: true})
			pos = m.End
		}
		if pos < k.End {
			h.Parts = append(h.Parts, textPart{Text: string(rs[pos:k.End])})
		}
		out = append(out, h)
	}
	return out
}

// place is where an anchor stands in its source, as a snippet: the words
// around it and who speaks there, rather than offsets.
type place struct {
	Before, Exact, After string
	Speaker              string
	Percent              int
	Approximate          bool
}

func placeOf(rs []rune, turns []transcript.Turn, start, end int, approximate bool) *place {
	if start < 0 || end > len(rs) || end < start {
		return nil
	}
	lo := 0
	if t, ok := transcript.At(turns, start); ok {
		lo = t.Start
	}
	ctx := workflow.ContextOf(rs, lo, start, end)
	return &place{Before: ctx.Before, Exact: string(rs[start:end]), After: ctx.After,
		Speaker: workflow.SpeakerIn(turns, start), Percent: percentIn(start, len(rs)), Approximate: approximate}
}

// HasPlayer says whether the pane has a recording to play.
func (v *evidenceView) HasPlayer() bool { return v.Player != nil }

// paneData is what the "evidence-pane" template takes.
type paneData struct {
	P        *Page
	E        *evidenceView
	Fill     bool   // hits fill the editor's form
	PickHref string // else, where "use" links go (with START-END appended)
}

// Pane pairs the page with an evidence pane.
func (p *Page) Pane(e *evidenceView) paneData {
	if e == nil {
		return paneData{P: p}
	}
	return paneData{P: p, E: e, Fill: e.Pick == "fill", PickHref: e.PickHref}
}

// placesData is what the "places" template takes.
type placesData struct {
	P        *Page
	Hits     []hitView
	Radio    string // the form whose candidate field they are, or ""
	Lang     string
	Fill     bool
	PickHref string
	Play     bool
}

// Places pairs the page with places of a source in language lang: the
// choices of form radio (when not ""), each to fill the editor, link to
// pickHref or play.
func (p *Page) Places(hits []hitView, radio, lang string, fill bool, pickHref string, play bool) placesData {
	return placesData{P: p, Hits: hits, Radio: radio, Lang: lang, Fill: fill, PickHref: pickHref, Play: play}
}

// placeData is what the "place" template takes.
type placeData struct {
	P     *Page
	Place *place
	Lang  string
}

// PlaceIn pairs the page with a place of a source in language lang.
func (p *Page) PlaceIn(pl *place, lang string) placeData {
	return placeData{P: p, Place: pl, Lang: lang}
}
