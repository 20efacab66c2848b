package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Sources lists sources, without their texts (each says its text_length).
func (a *API) Sources(c *gin.Context) {
	handler(func(c *gin.Context) error {
		list, next, err := a.svc.Store().Sources(c.Request.Context(), pageRequest(c))
		if err != nil {
			return err
		}
		listPage(c, list, next)
		return nil
	})(c)
}

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
func (a *API) CreateSource(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req sourceRequest
		if err := decode(c, &req); err != nil {
			return err
		}
		src := &cotejo.Source{Title: req.Title, Kind: req.Kind, Language: req.Language, Text: req.Text, URL: req.URL,
			MediaURL: req.MediaURL, RecordedAt: req.RecordedAt, Speakers: req.Speakers}
		if err := a.svc.CreateSource(c.Request.Context(), httpx.User(c), src); err != nil {
			return err
		}
		created(c, "sources", src.ID, src.Version, src)
		return nil
	})(c)
}

// Source returns one source with its text.
func (a *API) Source(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		src, err := a.svc.Store().Source(c.Request.Context(), id)
		if err != nil {
			return err
		}
		etag(c, src.Version)
		c.JSON(http.StatusOK, src)
		return nil
	})(c)
}

type sourcePatch struct {
	cotejo.SourceUpdate
	Version *int `json:"version"`
}

// UpdateSource changes a source; a changed text re-anchors the quotes on it.
func (a *API) UpdateSource(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req sourcePatch
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		src, err := a.svc.UpdateSource(c.Request.Context(), httpx.User(c), id, base, req.SourceUpdate)
		if err != nil {
			return err
		}
		etag(c, src.Version)
		c.JSON(http.StatusOK, src)
		return nil
	})(c)
}
