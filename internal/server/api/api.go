// Package api serves Cotejo's JSON API under /api/v1, as described in the
// OpenAPI document it serves (openapi.json). Handlers stay thin: decode the
// request, call the workflow, encode the answer; errors go through the one
// table of package httpx.
package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// API holds the handlers' dependencies.
type API struct {
	svc   *workflow.Service
	ready func(context.Context) error
}

// New returns the API over a workflow service; ready tells whether the
// database answers, for /healthz.
func New(svc *workflow.Service, ready func(context.Context) error) *API {
	return &API{svc: svc, ready: ready}
}

// handler adapts a handler that returns an error to gin.
func handler(f func(c *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := f(c); err != nil {
			httpx.JSONError(c, err)
		}
	}
}

// Health answers 200 when the app and its database answer.
func (a *API) Health(c *gin.Context) {
	if err := a.ready(c.Request.Context()); err != nil {
		httpx.Logger(c).Error("health check failed", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "down"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "database": "up"})
}

// OpenAPI serves the API's OpenAPI 3 description.
func (a *API) OpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDoc)
}

// NotFound answers unknown API paths in the API's error shape.
func NotFound(c *gin.Context) {
	httpx.JSONError(c, cotejo.Errorf(cotejo.CodeNotFound, "No such API path: %s %s.", c.Request.Method, c.Request.URL.Path))
}

// MethodNotAllowed answers a known path with the wrong method.
func MethodNotAllowed(c *gin.Context) {
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, httpx.ErrorBody{Error: httpx.ErrorDetail{
		Code: "method_not_allowed", Message: "This path does not take " + c.Request.Method + "."}})
}

// RequireUser refuses requests without a logged-in user.
func RequireUser(c *gin.Context) {
	if httpx.User(c) == nil {
		c.Header("WWW-Authenticate", `Bearer realm="cotejo"`)
		httpx.JSONError(c, cotejo.Errorf(cotejo.CodeUnauthorized, "Send an API token (Authorization: Bearer …); get one from POST /api/v1/auth/token."))
	}
}

// pageRequest reads the page a list request asks for: ?limit= and the
// ?cursor= of a Link header this API gave.
func pageRequest(c *gin.Context) cotejo.PageRequest {
	limit, _ := strconv.Atoi(c.Query("limit"))
	return cotejo.PageRequest{Limit: limit, Cursor: c.Query("cursor")}
}

// listPage answers a page of a list: the body is the list itself, and when
// more remain a Link header (RFC 8288) names the next page, with the
// request's own filters.
func listPage[T any](c *gin.Context, items []T, next string) {
	if next != "" {
		u := *c.Request.URL
		q := u.Query()
		q.Set("cursor", next)
		u.RawQuery = q.Encode()
		c.Header("Link", "<"+u.RequestURI()+`>; rel="next"`)
	}
	c.JSON(http.StatusOK, nonNil(items))
}
