package api

import (
	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Sources lists sources, without their texts (each says its text_length).
func (a *API) Sources(c *gin.Context) error {
	list, next, err := a.svc.Sources(c.Request.Context(), pageRequest(c))
	return listPage(c, list, next, err)
}

// sourceRequest is a new source as a client sends it: what a client may
// set, and not what Cotejo keeps itself (its timing, its recording).
type sourceRequest struct {
	Title      string            `json:"title"`
	Kind       cotejo.SourceKind `json:"kind"`
	Language   string            `json:"language"`
	Text       string            `json:"text"`
	URL        string            `json:"url"`
	MediaURL   string            `json:"media_url"`
	RecordedAt string            `json:"recorded_at"`
	Speakers   []string          `json:"speakers"`
}

// CreateSource adds a source.
func (a *API) CreateSource(c *gin.Context) error {
	return withJSON(func(c *gin.Context, req sourceRequest) error {
		src := &cotejo.Source{Title: req.Title, Kind: req.Kind, Language: req.Language, Text: req.Text, URL: req.URL,
			MediaURL: req.MediaURL, RecordedAt: req.RecordedAt, Speakers: req.Speakers}
		if err := a.svc.CreateSource(c.Request.Context(), httpx.User(c), src); err != nil {
			return err
		}
		return created(c, "sources", src.ID, src)
	})(c)
}

// Source returns one source with its text.
func (a *API) Source(c *gin.Context) error { return show(a.svc.Source)(c) }

// UpdateSource changes a source; a changed text re-anchors the quotes on it.
func (a *API) UpdateSource(c *gin.Context) error { return update(a.svc.UpdateSource)(c) }
