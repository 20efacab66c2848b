package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Glossary lists the glossary.
func (a *API) Glossary(c *gin.Context) error {
	gs, next, err := a.svc.Glossary(c.Request.Context(), c.Query("q"), pageRequest(c))
	return listPage(c, gs, next, err)
}

// CreateGlossaryTerm adds a glossary term.
func (a *API) CreateGlossaryTerm(c *gin.Context) error {
	return withJSON(func(c *gin.Context, g cotejo.GlossaryTerm) error {
		g.ID, g.Version = 0, 0
		if err := a.svc.CreateGlossaryTerm(c.Request.Context(), httpx.User(c), &g); err != nil {
			return err
		}
		return created(c, "glossary", g.ID, &g)
	})(c)
}

// UpdateGlossaryTerm changes a glossary term.
func (a *API) UpdateGlossaryTerm(c *gin.Context) error { return update(a.svc.UpdateGlossaryTerm)(c) }

// DeleteGlossaryTerm deletes a glossary term.
func (a *API) DeleteGlossaryTerm(c *gin.Context) error { return remove(a.svc.DeleteGlossaryTerm)(c) }

// SearchTM searches the translation memory.
func (a *API) SearchTM(c *gin.Context) error {
	limit, _ := strconv.Atoi(c.Query("limit"))
	out, err := a.svc.SearchTM(c.Request.Context(), c.Query("q"), c.Query("lang"), c.Query("mode"), limit)
	return reply(c, http.StatusOK, out, err)
}
