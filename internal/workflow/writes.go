package workflow

import (
	"context"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// This file holds the frames of the use cases that add one thing, or write
// to one thing a client read at some version (an article, a source, a
// quote, a glossary term, an account). The client says which version it
// based the write on, and a write based on another is refused with the
// current thing in the conflict, so that nobody overwrites what they have
// not seen (see checkBase).

// checked is a domain value that checks itself, and normalizes itself once
// it is valid.
type checked interface {
	Validate() error
	Normalize()
}

// create runs w, in one transaction, to store the new thing x; actor must
// be allowed to do what, and x must be valid (it is normalized first).
func create(ctx context.Context, s *Service, actor *cotejo.User, what cotejo.Action, x checked, w func(tx Tx) error) error {
	if err := cotejo.Can(actor, what, nil); err != nil {
		return err
	}
	if err := x.Validate(); err != nil {
		return err
	}
	x.Normalize()
	return s.store.InTx(ctx, w)
}

// kind says how a transaction reads one thing of a kind for a write, which
// version the thing is at and, for the kinds whose things are deleted
// alone (see remove), how one is deleted and which entity its events are
// of.
type kind[T any] struct {
	read    func(tx Tx, ctx context.Context, id int64) (*T, error)
	version func(*T) int
	del     func(tx Tx, ctx context.Context, id int64, base int) error
	entity  cotejo.Entity
}

var (
	kindArticle = kind[cotejo.Article]{read: Tx.Article, version: func(a *cotejo.Article) int { return a.Version }}
	kindSource  = kind[cotejo.Source]{read: Tx.Source, version: func(s *cotejo.Source) int { return s.Version }}
	kindQuote   = kind[cotejo.Quote]{read: Tx.Quote, version: func(q *cotejo.Quote) int { return q.Version }}
	kindUser    = kind[cotejo.User]{read: Tx.User, version: func(u *cotejo.User) int { return u.Version }}
	kindTerm    = kind[cotejo.GlossaryTerm]{read: Tx.GlossaryTerm, version: func(g *cotejo.GlossaryTerm) int { return g.Version },
		del: Tx.DeleteGlossaryTerm, entity: cotejo.EntityGlossary}

	// kindOpenArticle is an article that is not published: what a
	// published article holds stays on record (see changeableArticle).
	kindOpenArticle = kind[cotejo.Article]{
		read: func(tx Tx, ctx context.Context, id int64) (*cotejo.Article, error) {
			return changeableArticle(ctx, tx, id)
		},
		version: kindArticle.version, del: Tx.DeleteArticle, entity: cotejo.EntityArticle}
)

// inOpenArticle runs w in one transaction on the article id names, which
// must not be published (see changeableArticle).
func (s *Service) inOpenArticle(ctx context.Context, id int64, w func(tx Tx, a *cotejo.Article) error) error {
	return s.store.InTx(ctx, func(tx Tx) error {
		a, err := changeableArticle(ctx, tx, id)
		if err != nil {
			return err
		}
		return w(tx, a)
	})
}

// at reads the thing id names within tx, for a write based on version base.
func (k kind[T]) at(ctx context.Context, tx Tx, id int64, base int) (*T, error) {
	cur, err := k.read(tx, ctx, id)
	if err != nil {
		return nil, err
	}
	return cur, checkBase(base, k.version(cur), cur)
}

// write runs w, in one transaction, on the thing of kind k that id names,
// read for a write based on version base; actor must be allowed to do
// what.
func write[T any](ctx context.Context, s *Service, actor *cotejo.User, what cotejo.Action, k kind[T], id int64, base int, w func(tx Tx, cur *T) error) error {
	if err := cotejo.Can(actor, what, nil); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Tx) error {
		cur, err := k.at(ctx, tx, id, base)
		if err != nil {
			return err
		}
		return w(tx, cur)
	})
}

// update is write for a client's update u of the thing: w is given it with
// u applied, valid and normalized, and as it was before.
func update[T any, P interface {
	*T
	checked
}](ctx context.Context, s *Service, actor *cotejo.User, what cotejo.Action, k kind[T], id int64, base int, u interface{ Apply(P) }, w func(tx Tx, cur P, before T) error) error {
	return write(ctx, s, actor, what, k, id, base, func(tx Tx, cur *T) error {
		before := *cur
		u.Apply(cur)
		if err := P(cur).Validate(); err != nil {
			return err
		}
		P(cur).Normalize()
		return w(tx, cur, before)
	})
}

// remove deletes the thing of kind k that id names, based on version base,
// and records it; actor must be allowed to do what.
func remove[T any](ctx context.Context, s *Service, actor *cotejo.User, what cotejo.Action, k kind[T], id int64, base int) error {
	return write(ctx, s, actor, what, k, id, base, func(tx Tx, cur *T) error {
		if err := k.del(tx, ctx, id, k.version(cur)); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, k.entity, id, nil, cotejo.ActionDelete, cur, nil, cotejo.Reason{})
	})
}
