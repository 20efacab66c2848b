package workflow

import (
	"context"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The reads that pages and the API make of one thing or one list. Every
// reader goes through the workflow, so that what it may see and how a list
// is narrowed are decided here, once.

// childrenOf lists, with list, what belongs to the thing id names (its
// comments, its events, its sources), once read has found the thing: an
// unknown id is CodeNotFound, not an empty list.
func childrenOf[P, C any](ctx context.Context, read func(context.Context, int64) (P, error), id int64, list func(context.Context, int64) (C, error)) (C, error) {
	if _, err := read(ctx, id); err != nil {
		var none C
		return none, err
	}
	return list(ctx, id)
}

// Article returns one article (CodeNotFound when there is none).
func (s *Service) Article(ctx context.Context, id int64) (*cotejo.Article, error) {
	return s.store.Article(ctx, id)
}

// Articles lists a page of articles, without their bodies, narrowed by
// status and by the words of their headline and body, and the cursor of
// the next page ("" at the end). An unknown status is CodeInvalid.
func (s *Service) Articles(ctx context.Context, f cotejo.ArticleFilter) ([]*cotejo.Article, string, error) {
	if f.Status != "" && !f.Status.Valid() {
		return nil, "", cotejo.FieldError(cotejo.CodeInvalid, "status", "%q is not an article status.", f.Status)
	}
	return s.store.Articles(ctx, f)
}

// Source returns one source with its text.
func (s *Service) Source(ctx context.Context, id int64) (*cotejo.Source, error) {
	return s.store.Source(ctx, id)
}

// Sources lists a page of sources, without their texts.
func (s *Service) Sources(ctx context.Context, p cotejo.PageRequest) ([]*cotejo.Source, string, error) {
	return s.store.Sources(ctx, p)
}

// Quote returns one quote, without its checks (see ViewQuote).
func (s *Service) Quote(ctx context.Context, id int64) (*cotejo.Quote, error) {
	return s.store.Quote(ctx, id)
}

// Glossary lists a page of glossary terms, narrowed by the words of query.
func (s *Service) Glossary(ctx context.Context, query string, p cotejo.PageRequest) ([]*cotejo.GlossaryTerm, string, error) {
	if err := cotejo.CheckText("q", query); err != nil {
		return nil, "", err
	}
	return s.store.Glossary(ctx, strings.TrimSpace(query), p)
}

// Tokens lists actor's own API tokens (never their secrets).
func (s *Service) Tokens(ctx context.Context, actor *cotejo.User) ([]*cotejo.APIToken, error) {
	if actor == nil {
		return nil, cotejo.Errorf(cotejo.CodeUnauthorized, "Log in first.")
	}
	return s.store.Tokens(ctx, actor.ID)
}

// Account returns the account of an email, for the command line, which
// acts as a person it names (CodeNotFound when there is none).
func (s *Service) Account(ctx context.Context, email string) (*cotejo.User, error) {
	return s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
}

// Setting reads an instance-wide setting that MarkSetting wrote.
func (s *Service) Setting(ctx context.Context, key string) (string, bool, error) {
	return s.store.Setting(ctx, key)
}

// Names maps people's ids to their names, for pages that show who did what.
func (s *Service) Names(ctx context.Context) (map[int64]string, error) { return s.userNames(ctx) }
