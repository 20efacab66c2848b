package api

import (
	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Sources lists sources, without their texts (each says its text_length).
func (a *API) Sources(c *gin.Context) error {
	list, next, err := a.svc.Sources(c.Request.Context(), pageRequest(c))
	return listPage(c, list, next, err)
}

// CreateSource adds a source. What a client may set is what it may change
// (cotejo.SourceUpdate), not what Cotejo keeps itself (its timing, its
// recording).
func (a *API) CreateSource(c *gin.Context) error {
	return create[cotejo.SourceUpdate]("sources", a.svc.CreateSource, func(src *cotejo.Source) int64 { return src.ID })(c)
}

// Source returns one source with its text.
func (a *API) Source(c *gin.Context) error { return show(a.svc.Source)(c) }

// UpdateSource changes a source; a changed text re-anchors the quotes on it.
func (a *API) UpdateSource(c *gin.Context) error { return update(a.svc.UpdateSource)(c) }
