package workflow

import (
	"context"
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
// quote to edit (QuoteID, when it is linked to one).
type Stop struct {
	Start, End int
	QuoteID    *int64
}

// NextWaiting is where "save and go to the next quote" goes after quote q
// of an article was saved, as a CAT tool's confirm-and-next goes to the
// next unconfirmed segment: the next passage in reading order after q that
// still waits for a translator (unlinked, or linked to a draft quote other
// than q), from the top again past the end. ok is false when nothing waits.
func (s *Service) NextWaiting(ctx context.Context, articleID int64, q *cotejo.Quote) (stop Stop, ok bool, err error) {
	ps, err := s.Passages(ctx, articleID)
	if err != nil {
		return Stop{}, false, err
	}
	start := -1
	if q.ArticleAnchor != nil {
		start = q.ArticleAnchor.Start
	}
	var first *Stop
	for _, p := range ps {
		waiting := p.Unlinked() || (p.QuoteID != nil && *p.QuoteID != q.ID && p.QuoteStatus == cotejo.QuoteDraft)
		if p.Depth > 0 || !waiting {
			continue
		}
		st := Stop{Start: p.Start, End: p.End, QuoteID: p.QuoteID}
		if p.Start > start {
			return st, true, nil
		}
		if first == nil {
			first = &st
		}
	}
	if first != nil {
		return *first, true, nil
	}
	return Stop{}, false, nil
}
