package store

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/memory"
	"github.com/cotejo/cotejo/internal/workflow"
	"gorm.io/gorm"
)

// The lists pages and the API serve, each one page at a time along an index
// (see page.go), and the reads that find related rows by index.

// How a search word is looked up (see Articles): a word held by at most
// rareTerm articles as the set of their ids; the word being typed as the
// prefixTerms commonest terms it starts.
const (
	rareTerm    = 1000
	prefixTerms = 30
)

// articleListColumns leave out the body, which a list does not show.
const articleListColumns = "id, headline, dek, language, outlet, byline, dateline, status, version, created_by, created_at, updated_at"

// Articles lists a page of articles without their bodies, most recently
// changed first. The query's words are looked up in the articles' search
// terms: each must be a word of the headline or body, and the last one may
// be the start of a word, as a search is typed.
func (q queries) Articles(ctx context.Context, f cotejo.ArticleFilter) ([]*cotejo.Article, string, error) {
	c, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", err
	}
	db := q.ctx(ctx).Model(&articleRow{}).Select(articleListColumns)
	if f.Status != "" {
		db = db.Where("status = ?", string(f.Status))
	}
	// The query's words narrow the list, which is read in order from the
	// index of list columns. A rare word is a set of ids looked up as each
	// entry goes by (+id keeps SQLite from fetching each matching article's
	// row, which holds its body, to sort them); a common one is checked
	// entry by entry in the terms' index, as building its set would cost
	// as many rows as articles hold it.
	words := memory.Words(f.Query, "")
	typing := !strings.HasSuffix(f.Query, " ")
	for i, w := range words {
		w = truncateUTF8(w, maxTermBytes)
		// The terms the word stands for: itself, or, for the word being
		// typed, the commonest terms it starts.
		var held []tmTermCountRow // term and count, as the two counts tables share a shape
		find := q.ctx(ctx).Table("article_term_counts").Select("term, articles AS units").Where("articles > 0")
		if i == len(words)-1 && typing {
			find = find.Where("term >= ? AND term < ?", w, w+"\U0010FFFF").Order("articles DESC, term").Limit(prefixTerms)
		} else {
			find = find.Where("term = ?", w)
		}
		if err := find.Find(&held).Error; err != nil {
			return nil, "", err
		}
		if len(held) == 0 {
			return []*cotejo.Article{}, "", nil // no article holds the word
		}
		terms, articles := make([]string, len(held)), int64(0)
		for j, h := range held {
			terms[j], articles = h.Term, articles+h.Units
		}
		if articles <= rareTerm {
			db = db.Where("+id IN (SELECT article_id FROM article_terms WHERE term IN ?)", terms)
		} else {
			db = db.Where("EXISTS (SELECT 1 FROM article_terms WHERE term IN ? AND article_id = articles.id)", terms)
		}
	}
	if c != nil {
		db = db.Where("(updated_at < ? OR (updated_at = ? AND id < ?))", c.T, c.T, c.ID)
	}
	rows, next, err := page(db.Order("updated_at DESC, id DESC"), f.PageRequest,
		func(r articleRow) cursor { return cursor{T: r.UpdatedAt, ID: r.ID} })
	return mapRows(rows, articleRow.domain), next, err
}

// ArticleHeadlines returns the ids and headlines of the articles with the
// given ids, for lists of quotes that name their articles (the headline
// stands before the body in the row, so no body is read).
func (q queries) ArticleHeadlines(ctx context.Context, ids []int64) (map[int64]*cotejo.Article, error) {
	out := make(map[int64]*cotejo.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []articleRow
	if err := q.ctx(ctx).Select("id, headline").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.domain()
	}
	return out, nil
}

// sourceListColumns leave out the text, which may be a megabyte per source;
// its length and hash are kept beside it.
const sourceListColumns = "sources.id, kind, title, language, url, media_url, recorded_at, speakers, text_length, text_hash, version, created_by, created_at, updated_at, duration, recording"

// Source returns the source with the given id, with its text.
func (q queries) Source(ctx context.Context, id int64) (*cotejo.Source, error) {
	return findByID(q.ctx(ctx), id, "source", sourceRow.domain)
}

// SourcesWithText returns the sources with the given ids, with their texts.
func (q queries) SourcesWithText(ctx context.Context, ids []int64) ([]*cotejo.Source, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return findAll(q.ctx(ctx).Where("id IN ?", ids).Order("id"), sourceRow.domain)
}

// Sources lists a page of sources without their texts, newest first.
func (q queries) Sources(ctx context.Context, p cotejo.PageRequest) ([]*cotejo.Source, string, error) {
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return nil, "", err
	}
	db := q.ctx(ctx).Select(sourceListColumns)
	if c != nil {
		db = db.Where("id < ?", c.ID)
	}
	rows, next, err := page(db.Order("id DESC"), p, func(r sourceRow) cursor { return cursor{ID: r.ID} })
	return mapRows(rows, sourceRow.domain), next, err
}

// ArticleSources returns the sources attached to an article, without their
// texts.
func (q queries) ArticleSources(ctx context.Context, articleID int64) ([]*cotejo.Source, error) {
	return findAll(q.ctx(ctx).Select(sourceListColumns).
		Joins("JOIN article_sources ON article_sources.source_id = sources.id").
		Where("article_sources.article_id = ?", articleID).Order("sources.id"), sourceRow.domain)
}

// QuotesWaiting lists a page of the quotes waiting as ws say (see
// workflow.Waiting), longest waiting (oldest change) first, leaving out
// those of published articles. Each status is one range of the index on
// (status, updated_at, id); the ranges are merged here, so a page costs its
// own size whatever the number of quotes.
func (q queries) QuotesWaiting(ctx context.Context, ws []workflow.Waiting, p cotejo.PageRequest) ([]*cotejo.Quote, string, error) {
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := pageLimit(p.Limit)
	var all []quoteRow
	for _, w := range ws {
		db := q.ctx(ctx).Where("status = ?", string(w.Status)).
			Where("article_id NOT IN (SELECT id FROM articles WHERE status = ?)", string(cotejo.ArticlePublished))
		if w.NotOf != 0 {
			db = db.Where("(translator_id IS NULL OR translator_id <> ?) AND (last_editor_id IS NULL OR last_editor_id <> ?)", w.NotOf, w.NotOf)
		}
		if c != nil {
			db = db.Where("(updated_at > ? OR (updated_at = ? AND id > ?))", c.T, c.T, c.ID)
		}
		var rows []quoteRow
		if err := db.Order("updated_at, id").Limit(limit + 1).Find(&rows).Error; err != nil {
			return nil, "", err
		}
		all = append(all, rows...)
	}
	slices.SortFunc(all, func(a, b quoteRow) int {
		return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), cmp.Compare(a.ID, b.ID))
	})
	next := ""
	if len(all) > limit {
		all = all[:limit]
		last := all[limit-1]
		next = cursor{T: last.UpdatedAt, ID: last.ID}.encode()
	}
	return mapRows(all, quoteRow.domain), next, nil
}

// QuotesWithOriginals lists the quotes, in any article, whose original has
// the same words as one of texts (case, accents and punctuation aside): the
// candidates for the consistency check, found by the index on their keys.
func (q queries) QuotesWithOriginals(ctx context.Context, texts []string, limit int) ([]*cotejo.Quote, error) {
	keys := make([]string, 0, len(texts))
	for _, t := range texts {
		if k := wordKey(t); k != emptyKey {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	return findAll(q.ctx(ctx).Where("original_key IN ?", keys).Order("id").Limit(limit), quoteRow.domain)
}

// Glossary lists a page of the glossary's terms, by source term; a query
// narrows it to the terms whose source or approved rendering starts with it.
func (q queries) Glossary(ctx context.Context, query string, p cotejo.PageRequest) ([]*cotejo.GlossaryTerm, string, error) {
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return nil, "", err
	}
	db := q.ctx(ctx).Model(&glossaryRow{})
	if s := strings.TrimSpace(query); s != "" {
		like := escapeLike(strings.ToLower(s)) + "%"
		db = db.Where("("+q.lower+"(source_text) LIKE ? ESCAPE '\\' OR "+q.lower+"(target_text) LIKE ? ESCAPE '\\')", like, like)
	}
	if c != nil {
		db = db.Where("(source_text > ? OR (source_text = ? AND id > ?))", c.S, c.S, c.ID)
	}
	rows, next, err := page(db.Order("source_text, id"), p, func(r glossaryRow) cursor { return cursor{S: r.SourceText, ID: r.ID} })
	return mapRows(rows, glossaryRow.domain), next, err
}

// GlossaryTerms lists every glossary term, for the checks and the
// suggestions, which look at all of them; callers keep them for as long as
// GlossaryRevision stays the same rather than reading them for each quote.
func (q queries) GlossaryTerms(ctx context.Context) ([]*cotejo.GlossaryTerm, error) {
	return findAll(q.ctx(ctx).Order("source_text, id"), glossaryRow.domain)
}

// CommentsMentioning lists the newest comments that mention a person.
func (q queries) CommentsMentioning(ctx context.Context, userID int64, limit int) ([]*cotejo.Comment, error) {
	return findAll(q.ctx(ctx).Where("id IN (SELECT comment_id FROM comment_mentions WHERE user_id = ?)", userID).
		Order("id DESC").Limit(limit), commentRow.domain)
}

// Siblings maps each of texts to the quotes whose original has its words
// (see QuotesWithOriginals), each with the key of its rendering, read from
// the index alone: enough to tell whether the consistency of a quote with
// that original may have changed, without reading the quotes.
func (q queries) Siblings(ctx context.Context, texts []string) (map[string][]workflow.Sibling, error) {
	byKey := map[string][]string{}
	for _, t := range texts {
		if k := wordKey(t); k != emptyKey {
			byKey[k] = append(byKey[k], t)
		}
	}
	return readByKey(byKey,
		func(keys []string) *gorm.DB {
			return q.ctx(ctx).Select("id, original_key, rendering_key").Where("original_key IN ?", keys).Order("original_key, id")
		},
		func(r quoteRow) (string, workflow.Sibling) {
			return r.OriginalKey, workflow.Sibling{ID: r.ID, RenderingKey: r.RenderingKey}
		})
}
