package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

type sourcesData struct {
	Sources  []*cotejo.Source
	Next     string          // the link to the next page, if any
	For      *cotejo.Article // the article a source is picked for (?article=ID)
	Attached map[int64]bool  // the sources For has already
}

// Sources lists the sources.
func (pg *Pages) Sources(c *gin.Context) error {
	ctx := c.Request.Context()
	list, next, err := pg.svc.Sources(ctx, cotejo.PageRequest{Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	d := sourcesData{Sources: list, Next: nextHref(c, next), Attached: map[int64]bool{}}
	// ?article=ID: the list is where a source is picked for that article.
	if id, perr := strconv.ParseInt(c.Query("article"), 10, 64); perr == nil {
		snap, err := pg.svc.Snapshot(ctx, id)
		if err != nil {
			return err
		}
		for _, s := range snap.Sources {
			d.Attached[s.ID] = true
		}
		d.For = snap.Article
	}
	pg.render(c, http.StatusOK, "sources", pg.page(c, "Sources", d))
	return nil
}

// Source shows one source with its full text.
func (pg *Pages) Source(c *gin.Context) error {
	return shown(pg.svc.Source, func(c *gin.Context, s *cotejo.Source) error {
		prep, err := pg.svc.PreparationOf(c.Request.Context(), s)
		if err != nil {
			return err
		}
		p := pg.page(c, "Source", map[string]any{"Source": s, "Prep": prep})
		p.Title = s.Title
		pg.render(c, http.StatusOK, "source", p)
		return nil
	})(c)
}

type sourceFormData struct {
	Source       *cotejo.Source
	Conflict     []diffField // the saved source against what was typed
	Kinds        []option
	ArticleID    int64
	MediaLimitMB int64 // the largest recording the form uploads
}

func (pg *Pages) sourceForm(c *gin.Context, status int, title string, d sourceFormData, err error) {
	p := pg.page(c, title, nil)
	for _, k := range cotejo.SourceKinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: p.KindLabel(k), Selected: k == d.Source.Kind})
	}
	d.MediaLimitMB = pg.MediaLimit >> 20
	p.Data = d
	p.refuse(err)
	pg.render(c, status, "source_form", p)
}

// NewSource shows the form for a new source.
func (pg *Pages) NewSource(c *gin.Context) error {
	aid, _ := strconv.ParseInt(c.Query("article"), 10, 64)
	pg.sourceForm(c, http.StatusOK, "New source", sourceFormData{Source: &cotejo.Source{Kind: cotejo.KindTranscript, Language: "es"}, ArticleID: aid}, nil)
	return nil
}

// sourceForm is a source as its form sends it: speakers one per line.
type sourceForm struct{ cotejo.Source }

func readSourceForm(c *gin.Context) *sourceForm {
	var speakers []string
	for _, l := range strings.Split(normalizeNewlines(c.PostForm("speakers")), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			speakers = append(speakers, l)
		}
	}
	return &sourceForm{cotejo.Source{Title: c.PostForm("title"), Kind: cotejo.SourceKind(c.PostForm("kind")), Language: c.PostForm("language"),
		RecordedAt: c.PostForm("recorded_at"), URL: c.PostForm("url"), MediaURL: c.PostForm("media_url"),
		Text: normalizeNewlines(c.PostForm("text")), Speakers: speakers}}
}

// update is the form as a change of every field it holds.
func (f *sourceForm) update() cotejo.SourceUpdate {
	s := &f.Source
	return cotejo.SourceUpdate{Title: &s.Title, Kind: &s.Kind, Language: &s.Language, RecordedAt: &s.RecordedAt,
		URL: &s.URL, MediaURL: &s.MediaURL, Text: &s.Text, Speakers: &s.Speakers}
}

// CreateSource saves a new source, and attaches it to the article it was made from.
func (pg *Pages) CreateSource(c *gin.Context) error {
	f := readSourceForm(c)
	aid := formID(c, "article")
	u := httpx.User(c)
	if err := pg.svc.CreateSource(c.Request.Context(), u, &f.Source); err != nil {
		pg.sourceForm(c, httpx.Status(err), "New source", sourceFormData{Source: &f.Source, ArticleID: aid}, err)
		return nil
	}
	if aid > 0 {
		if _, err := pg.svc.AttachSource(c.Request.Context(), u, aid, f.ID); err != nil {
			return err
		}
		return pg.redirect(c, pathTo("/articles/", aid), "attached")
	}
	return pg.redirect(c, pathTo("/sources/", f.ID), "created")
}

// EditSource shows the form to edit a source.
func (pg *Pages) EditSource(c *gin.Context) error {
	return shown(pg.svc.Source, func(c *gin.Context, s *cotejo.Source) error {
		pg.sourceForm(c, http.StatusOK, "Edit source", sourceFormData{Source: s}, nil)
		return nil
	})(c)
}

// UpdateSource saves an edited source, keeping what was typed on a conflict.
func (pg *Pages) UpdateSource(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readSourceForm(c)
		return saveEdit(pg, c, id, pg.svc.UpdateSource, f.update(), pathTo("/sources/", id), func(base int, saved *cotejo.Source, err error) {
			f.ID, f.Version = id, base
			if saved != nil {
				f.Version = saved.Version
			}
			d := sourceFormData{Source: &f.Source}
			if saved != nil {
				d.Conflict = sourceConflict(&f.Source, saved)
			}
			pg.sourceForm(c, httpx.Status(err), "Edit source", d, err)
		})
	})(c)
}

// sourceConflict diffs what was typed against the saved source, field by
// field.
func sourceConflict(mine, theirs *cotejo.Source) []diffField {
	return diffFields(
		fieldPair{"Title", mine.Title, theirs.Title}, fieldPair{"Kind", mine.Kind.Info().Label, theirs.Kind.Info().Label},
		fieldPair{"Language", mine.Language, theirs.Language}, fieldPair{"Date", mine.RecordedAt, theirs.RecordedAt},
		fieldPair{"Speakers (one per line)", strings.Join(mine.Speakers, "\n"), strings.Join(theirs.Speakers, "\n")},
		fieldPair{"Link", mine.URL, theirs.URL}, fieldPair{"Recording link", mine.MediaURL, theirs.MediaURL},
		fieldPair{"Text", mine.Text, theirs.Text})
}
