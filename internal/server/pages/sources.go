package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Sources lists the sources.
func (pg *Pages) Sources(c *gin.Context) {
	ctx := c.Request.Context()
	list, next, err := pg.svc.Store().Sources(ctx, cotejo.PageRequest{Cursor: c.Query("cursor")})
	if err != nil {
		pg.fail(c, err)
		return
	}
	d := map[string]any{"Sources": list, "Next": nextHref(c, next), "For": nil, "Attached": map[int64]bool{}}
	// ?article=ID: the list is where a source is picked for that article.
	if id, perr := strconv.ParseInt(c.Query("article"), 10, 64); perr == nil {
		snap, err := pg.svc.Snapshot(ctx, id)
		if err != nil {
			pg.fail(c, err)
			return
		}
		attached := map[int64]bool{}
		for _, s := range snap.Sources {
			attached[s.ID] = true
		}
		d["For"], d["Attached"] = snap.Article, attached
	}
	pg.render(c, http.StatusOK, "sources", pg.page(c, "Sources", d))
}

// Source shows one source with its full text.
func (pg *Pages) Source(c *gin.Context) {
	s, ok := pg.source(c)
	if !ok {
		return
	}
	prep, err := pg.svc.PreparationOf(c.Request.Context(), s)
	if err != nil {
		pg.fail(c, err)
		return
	}
	p := pg.page(c, "Source", map[string]any{"Source": s, "Prep": prep})
	p.Title = s.Title
	pg.render(c, http.StatusOK, "source", p)
}

type sourceFormData struct {
	Source    *cotejo.Source
	Conflict  *cotejo.Source
	Kinds     []option
	ArticleID int64
}

func (pg *Pages) sourceForm(c *gin.Context, status int, title string, d sourceFormData, err error) {
	p := pg.page(c, title, nil)
	for _, k := range cotejo.SourceKinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: p.KindLabel(k), Selected: k == d.Source.Kind})
	}
	p.Data = d
	if err != nil {
		p.Error = p.ErrorText(err)
	}
	pg.render(c, status, "source_form", p)
}

// NewSource shows the form for a new source.
func (pg *Pages) NewSource(c *gin.Context) {
	aid, _ := strconv.ParseInt(c.Query("article"), 10, 64)
	pg.sourceForm(c, http.StatusOK, "New source", sourceFormData{Source: &cotejo.Source{Kind: cotejo.KindTranscript, Language: "es"}, ArticleID: aid}, nil)
}

func sourceFromForm(c *gin.Context) *cotejo.Source {
	var speakers []string
	for _, l := range strings.Split(normalizeNewlines(c.PostForm("speakers")), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			speakers = append(speakers, l)
		}
	}
	return &cotejo.Source{Title: c.PostForm("title"), Kind: cotejo.SourceKind(c.PostForm("kind")), Language: c.PostForm("language"),
		RecordedAt: c.PostForm("recorded_at"), URL: c.PostForm("url"), MediaURL: c.PostForm("media_url"),
		Text: normalizeNewlines(c.PostForm("text")), Speakers: speakers}
}

// CreateSource saves a new source, and attaches it to the article it was made from.
func (pg *Pages) CreateSource(c *gin.Context) {
	s := sourceFromForm(c)
	aid, _ := strconv.ParseInt(c.PostForm("article"), 10, 64)
	u := httpx.User(c)
	if err := pg.svc.CreateSource(c.Request.Context(), u, s); err != nil {
		pg.sourceForm(c, httpx.Status(err), "New source", sourceFormData{Source: s, ArticleID: aid}, err)
		return
	}
	if aid > 0 {
		if _, err := pg.svc.AttachSource(c.Request.Context(), u, aid, s.ID); err != nil {
			pg.fail(c, err)
			return
		}
		pg.redirect(c, "/articles/"+strconv.FormatInt(aid, 10), "attached")
		return
	}
	pg.redirect(c, "/sources/"+strconv.FormatInt(s.ID, 10), "created")
}

// EditSource shows the form to edit a source.
func (pg *Pages) EditSource(c *gin.Context) {
	s, ok := pg.source(c)
	if !ok {
		return
	}
	pg.sourceForm(c, http.StatusOK, "Edit source", sourceFormData{Source: s}, nil)
}

// UpdateSource saves an edited source, keeping what was typed on a conflict.
func (pg *Pages) UpdateSource(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	in := sourceFromForm(c)
	upd := cotejo.SourceUpdate{Title: &in.Title, Kind: &in.Kind, Language: &in.Language, RecordedAt: &in.RecordedAt,
		URL: &in.URL, MediaURL: &in.MediaURL, Text: &in.Text, Speakers: &in.Speakers}
	base, err := formBase(c)
	if err == nil {
		_, err = pg.svc.UpdateSource(c.Request.Context(), httpx.User(c), id, base, upd)
	}
	if err != nil {
		in.ID, in.Version = id, base
		d := sourceFormData{Source: in}
		if e := cotejo.AsError(err); e != nil && e.Code == cotejo.CodeVersionConflict {
			if cur, ok := e.Details.(*cotejo.Source); ok {
				d.Conflict, in.Version = cur, cur.Version
			}
		}
		pg.sourceForm(c, httpx.Status(err), "Edit source", d, err)
		return
	}
	pg.redirect(c, "/sources/"+strconv.FormatInt(id, 10), "saved")
}
