package workflow

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The reads of whole pages: what the review of a quote shows, and where the
// workbench goes after a save. Pages render them; the rules they follow
// (who may make which move, how comments thread, which passage waits) are
// decided here.

// QuoteReview is what the review of a quote shows: the quote with its
// checks, its article, the source it cites, the moves out of its status
// with why the person may not make each one they may not, the names of the
// people involved, its history, its comments as threads and suggestions.
type QuoteReview struct {
	*QuoteView
	Article     *cotejo.Article
	Source      *cotejo.Source // the cited source with its text; nil when none
	Moves       []cotejo.MoveChoice
	Names       map[int64]string
	History     []HistoryEntry // oldest first
	Comments    []ThreadComment
	Suggestions []Suggestion
}

// Name is the name of the person with id, "#id" for one Cotejo no longer
// knows, "" for nil.
func (r *QuoteReview) Name(id *int64) string {
	if id == nil {
		return ""
	}
	if n, ok := r.Names[*id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(*id, 10)
}

// ReviewQuote loads what the review of quote id shows to actor. The moves
// are none while the article is published: it is frozen until reopened.
func (s *Service) ReviewQuote(ctx context.Context, actor *cotejo.User, id int64) (*QuoteReview, error) {
	v, a, err := s.ViewQuoteAndArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	r := &QuoteReview{QuoteView: v, Article: a}
	if v.SourceID != nil {
		if src, err := s.store.Source(ctx, *v.SourceID); err == nil {
			r.Source = src
		} else if cotejo.ErrorCode(err) != cotejo.CodeNotFound {
			return nil, err
		}
	}
	if a.Status != cotejo.ArticlePublished {
		rules, err := s.Settings(ctx)
		if err != nil {
			return nil, err
		}
		r.Moves = rules.Moves(actor, v.Quote)
	}
	if r.Names, err = s.userNames(ctx); err != nil {
		return nil, err
	}
	if r.History, err = s.History(ctx, id); err != nil {
		return nil, err
	}
	cs, err := s.Comments(ctx, id)
	if err != nil {
		return nil, err
	}
	r.Comments = Threads(cs)
	if r.Suggestions, err = s.Suggestions(ctx, id); err != nil {
		return nil, err
	}
	return r, nil
}

// ThreadComment is a comment in its thread, and how deep it stands: 0 for
// one that answers none, 1 for an answer to it, and so on.
type ThreadComment struct {
	CommentView
	Depth int
}

// Threads orders comments as threads: each comment followed by its
// replies, oldest first at every level. A reply to a comment that is not
// among them starts a thread of its own.
func Threads(cs []CommentView) []ThreadComment {
	children := map[int64][]CommentView{}
	ids := map[int64]bool{}
	for _, c := range cs {
		ids[c.ID] = true
	}
	var roots []CommentView
	for _, c := range cs {
		if c.ParentID != nil && ids[*c.ParentID] {
			children[*c.ParentID] = append(children[*c.ParentID], c)
		} else {
			roots = append(roots, c)
		}
	}
	out := make([]ThreadComment, 0, len(cs))
	var walk func(c CommentView, depth int)
	walk = func(c CommentView, depth int) {
		out = append(out, ThreadComment{CommentView: c, Depth: depth})
		for _, r := range children[c.ID] {
			walk(r, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

// Stop is a place of the workbench: a passage (Start, End) to link, or a
// quote to edit (QuoteID, when it is linked to one). Text is the passage's
// words, or the quote's rendering, to say where the workbench went.
type Stop struct {
	Start, End int
	QuoteID    *int64
	Text       string
}

// WaitsFor reports whether quote q waits for actor now: its status waits
// for one of actor's roles, and actor may make the move forward that the
// role makes (the four-eyes rule keeps a person's own work out of their
// review and approval). Taking an approval back or a quote back to draft
// is not a move forward.
func WaitsFor(rules *cotejo.Settings, actor *cotejo.User, q *cotejo.Quote) bool {
	role := q.Status.Info().WaitsFor
	if actor == nil || role == "" || !actor.Has(role) {
		return false
	}
	for _, m := range rules.Moves(actor, q) {
		if m.Err == nil && !m.Reopen && m.To != cotejo.QuoteDraft && slices.Contains(m.Roles, role) {
			return true
		}
	}
	return false
}

// NextWaiting is where "save and go to the next" goes after actor worked
// at stop after of an article, as a CAT tool's confirm-and-next goes to the
// next unconfirmed segment: the next place in reading order that still
// waits for actor — an unlinked passage for a translator, a quote whose
// move is theirs (see WaitsFor) — other than the one they left, from the
// top again past the end, once. ok is false when nothing waits for them.
func (s *Service) NextWaiting(ctx context.Context, actor *cotejo.User, articleID int64, after Stop) (stop Stop, ok bool, err error) {
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return Stop{}, false, err
	}
	rules, err := settingsOf(ctx, s.store)
	if err != nil {
		return Stop{}, false, err
	}
	byID := make(map[int64]*cotejo.Quote, len(snap.Quotes))
	for _, q := range snap.Quotes {
		byID[q.ID] = q
	}
	writes := cotejo.May(actor, cotejo.WriteQuotes, nil)
	var stops []Stop
	inPassage := map[int64]bool{}
	for _, p := range snap.Passages {
		if p.Depth > 0 || p.Ignored {
			continue
		}
		st := Stop{Start: p.Start, End: p.End, QuoteID: p.QuoteID, Text: p.Text}
		if p.QuoteID != nil {
			inPassage[*p.QuoteID] = true
		}
		stops = append(stops, st)
	}
	// Quotes anchored outside any detected passage wait too, where they
	// stand; those whose anchor is lost, at the end.
	for _, q := range snap.Quotes {
		if inPassage[q.ID] {
			continue
		}
		st := Stop{Start: math.MaxInt, End: math.MaxInt, QuoteID: &q.ID, Text: q.Rendering.Text}
		if an := q.ArticleAnchor; an != nil && an.State != cotejo.AnchorLost {
			st.Start, st.End = an.Start, an.End
		}
		stops = append(stops, st)
	}
	slices.SortStableFunc(stops, func(a, b Stop) int { return cmp.Compare(a.Start, b.Start) })
	waiting := func(st Stop) bool {
		if after.QuoteID != nil && st.QuoteID != nil && *st.QuoteID == *after.QuoteID {
			return false
		}
		if st.QuoteID == nil {
			return writes && !(after.QuoteID == nil && st.Start == after.Start && st.End == after.End)
		}
		q := byID[*st.QuoteID]
		if q == nil {
			return false
		}
		if writes && !q.Complete() && q.Status == cotejo.QuoteDraft {
			return true
		}
		return WaitsFor(rules, actor, q)
	}
	// The places after the one left, then from the top.
	for pass := range 2 {
		for _, st := range stops {
			if (pass == 0) != (st.Start > after.Start) || !waiting(st) {
				continue
			}
			return st, true, nil
		}
	}
	return Stop{}, false, nil
}

// NextInQueue is the first quote of actor's queue other than except: where
// the review goes on when nothing else waits in the article.
func (s *Service) NextInQueue(ctx context.Context, actor *cotejo.User, except int64) (*QueueItem, bool, error) {
	items, _, err := s.Queue(ctx, actor, "", cotejo.PageRequest{Limit: 5})
	if err != nil {
		return nil, false, err
	}
	for i := range items {
		if items[i].ID != except {
			return &items[i], true, nil
		}
	}
	return nil, false, nil
}

// MovesFor lists the moves out of quote q's status, of article a, with
// whether actor may make each now (see cotejo.Settings.Moves); none while
// the article is published.
func (s *Service) MovesFor(ctx context.Context, actor *cotejo.User, a *cotejo.Article, q *cotejo.Quote) ([]cotejo.MoveChoice, error) {
	if a.Status == cotejo.ArticlePublished {
		return nil, nil
	}
	rules, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return rules.Moves(actor, q), nil
}
