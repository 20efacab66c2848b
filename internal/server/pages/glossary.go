package pages

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// The glossary: everyone reads it; editors and admins keep it.

// termForm is a term as its form holds it.
type termForm struct {
	ID                      int64
	Version                 int
	SourceText, SourceLang  string
	TargetText, TargetLang  string
	Alternatives, Forbidden string // one per line
	Note                    string
}

type glossaryData struct {
	Terms    []*cotejo.GlossaryTerm
	Query    string // what the list is narrowed to
	Next     string // the link to the next page, if any
	CanEdit  bool
	New      termForm
	Edit     *termForm   // the term whose edit was refused, as typed
	Conflict []diffField // the saved term against what was typed
	// Duplicates are the terms with the same source words and language as
	// the new one, which is kept in its form until confirmed.
	Duplicates []*cotejo.GlossaryTerm
}

func formOf(g *cotejo.GlossaryTerm) termForm {
	return termForm{ID: g.ID, Version: g.Version, SourceText: g.Source.Text, SourceLang: g.Source.Lang, TargetText: g.Target.Text,
		TargetLang: g.Target.Lang, Alternatives: strings.Join(g.Alternatives, "\n"), Forbidden: strings.Join(g.Forbidden, "\n"), Note: g.Note}
}

// Form returns the form of a term: as typed when its edit was refused.
func (d glossaryData) Form(g *cotejo.GlossaryTerm) termForm {
	if d.Edit != nil && d.Edit.ID == g.ID {
		return *d.Edit
	}
	return formOf(g)
}

func readTermForm(c *gin.Context) termForm {
	return termForm{Version: formVersion(c), SourceText: strings.TrimSpace(c.PostForm("source")), SourceLang: strings.TrimSpace(c.PostForm("source_lang")),
		TargetText: strings.TrimSpace(c.PostForm("target")), TargetLang: strings.TrimSpace(c.PostForm("target_lang")),
		Alternatives: normalizeNewlines(c.PostForm("alternatives")), Forbidden: normalizeNewlines(c.PostForm("forbidden")),
		Note: strings.TrimSpace(c.PostForm("note"))}
}

func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// update is the form as a change of every field it holds.
func (f termForm) update() cotejo.GlossaryUpdate {
	g := f.term()
	return cotejo.GlossaryUpdate{Source: &g.Source, Target: &g.Target, Alternatives: &g.Alternatives, Forbidden: &g.Forbidden, Note: &g.Note}
}

func (f termForm) term() *cotejo.GlossaryTerm {
	return &cotejo.GlossaryTerm{Source: cotejo.LangText{Text: f.SourceText, Lang: f.SourceLang}, Target: cotejo.LangText{Text: f.TargetText, Lang: f.TargetLang},
		Alternatives: lines(f.Alternatives), Forbidden: lines(f.Forbidden), Note: f.Note}
}

// Glossary lists the terms.
func (pg *Pages) Glossary(c *gin.Context) error {
	return pg.renderGlossary(c, http.StatusOK, glossaryData{New: newTerm()}, nil)
}

// newTerm is the form of a new term: Spanish to English, as most are.
func newTerm() termForm { return termForm{SourceLang: "es", TargetLang: "en"} }

func (pg *Pages) renderGlossary(c *gin.Context, status int, d glossaryData, err error) error {
	d.Query = strings.TrimSpace(c.Query("q"))
	terms, next, lerr := pg.svc.Glossary(c.Request.Context(), d.Query, cotejo.PageRequest{Cursor: c.Query("cursor")})
	if lerr != nil {
		return lerr
	}
	d.Terms, d.Next, d.CanEdit = terms, nextHref(c, next), cotejo.May(httpx.User(c), cotejo.ManageGlossary, nil)
	pg.renderForm(c, status, "glossary", "Glossary", d, err)
	return nil
}

// CreateGlossaryTerm adds a term. When the glossary has the same source
// words in the same language already, the form comes back with those
// terms, and adds this one only when the person confirms it.
func (pg *Pages) CreateGlossaryTerm(c *gin.Context) error {
	f := readTermForm(c)
	ctx, u := c.Request.Context(), httpx.User(c)
	if c.PostForm("duplicate") != "confirmed" && cotejo.May(u, cotejo.ManageGlossary, nil) {
		dups, err := pg.svc.GlossaryDuplicates(ctx, f.term(), 0)
		if err != nil {
			return err
		}
		if len(dups) > 0 {
			return pg.renderGlossary(c, http.StatusConflict, glossaryData{New: f, Duplicates: dups}, nil)
		}
	}
	if err := pg.svc.CreateGlossaryTerm(ctx, u, f.term()); err != nil {
		return pg.renderGlossary(c, httpx.Status(err), glossaryData{New: f}, err)
	}
	return pg.redirect(c, "/glossary", "created")
}

// UpdateGlossaryTerm saves an edited term. On a conflict it shows the saved
// term against what was typed, which stays in the form.
func (pg *Pages) UpdateGlossaryTerm(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readTermForm(c)
		f.ID = id
		write := func(base int) error {
			_, err := pg.svc.UpdateGlossaryTerm(c.Request.Context(), httpx.User(c), id, base, f.update())
			return err
		}
		return pg.save(c, write, pathTo("/glossary#term-", id), "saved", func(_ int, err error) error {
			d := glossaryData{New: newTerm(), Edit: &f}
			if cur, ok := cotejo.Current[*cotejo.GlossaryTerm](err); ok {
				d.Conflict = termConflict(f, formOf(cur))
				f.Version = cur.Version
			}
			return pg.renderGlossary(c, httpx.Status(err), d, err)
		})
	})(c)
}

// termConflict diffs what was typed against the saved term, field by field.
func termConflict(mine, theirs termForm) []diffField {
	return diffFields(
		fieldPair{"Term", mine.SourceText, theirs.SourceText}, fieldPair{"Approved rendering", mine.TargetText, theirs.TargetText},
		fieldPair{"Also approved (one per line)", mine.Alternatives, theirs.Alternatives},
		fieldPair{"Forbidden renderings (one per line)", mine.Forbidden, theirs.Forbidden},
		fieldPair{"Note", mine.Note, theirs.Note})
}

// DeleteGlossaryTerm deletes a term.
func (pg *Pages) DeleteGlossaryTerm(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		write := func(base int) error { return pg.svc.DeleteGlossaryTerm(c.Request.Context(), httpx.User(c), id, base) }
		return pg.save(c, write, "/glossary", "deleted", func(_ int, err error) error {
			return pg.renderGlossary(c, httpx.Status(err), glossaryData{New: newTerm()}, err)
		})
	})(c)
}

// termFields is what the "term-fields" template needs: the page, for its
// words, and the form.
type termFields struct {
	P *Page
	F termForm
}

// With pairs the page and a form for the "term-fields" template.
func (d glossaryData) With(p *Page, f termForm) termFields { return termFields{P: p, F: f} }
