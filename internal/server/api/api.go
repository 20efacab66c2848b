// Package api serves Cotejo's JSON API under /api/v1, as described in the
// OpenAPI document it serves (openapi.json). Handlers stay thin: decode the
// request, call the workflow, encode the answer. A handler returns its
// error, and Routes, where the routes are registered, answers it through
// the one table of package httpx.
package api

import (
	"context"
	"net/http"
	"reflect"
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
	// MediaLimit is the largest recording an upload may carry, in bytes.
	MediaLimit int64
}

// New returns the API over a workflow service; ready tells whether the
// database answers, for /healthz.
func New(svc *workflow.Service, ready func(context.Context) error) *API {
	return &API{svc: svc, ready: ready}
}

// HandlerFunc is an API handler: it writes its answer, or returns the error
// to answer with.
type HandlerFunc func(c *gin.Context) error

// Routes registers API handlers on a group of routes, wrapping each once:
// its error becomes the API's error answer there and nowhere else.
type Routes struct{ g gin.IRoutes }

// NewRoutes registers on g.
func NewRoutes(g gin.IRoutes) Routes { return Routes{g: g} }

func wrap(h HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			httpx.JSONError(c, err)
		}
	}
}

// GET registers h for GET path.
func (r Routes) GET(path string, h HandlerFunc) { r.g.GET(path, wrap(h)) }

// HEAD registers h for HEAD path.
func (r Routes) HEAD(path string, h HandlerFunc) { r.g.HEAD(path, wrap(h)) }

// POST registers h for POST path.
func (r Routes) POST(path string, h HandlerFunc) { r.g.POST(path, wrap(h)) }

// PUT registers h for PUT path.
func (r Routes) PUT(path string, h HandlerFunc) { r.g.PUT(path, wrap(h)) }

// PATCH registers h for PATCH path.
func (r Routes) PATCH(path string, h HandlerFunc) { r.g.PATCH(path, wrap(h)) }

// DELETE registers h for DELETE path.
func (r Routes) DELETE(path string, h HandlerFunc) { r.g.DELETE(path, wrap(h)) }

// Health answers 200 when the app and its database answer.
func (a *API) Health(c *gin.Context) error {
	if err := a.ready(c.Request.Context()); err != nil {
		httpx.Logger(c).Error("health check failed", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "down"})
		return nil
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "database": "up"})
	return nil
}

// OpenAPI serves the API's OpenAPI 3 description.
func (a *API) OpenAPI(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDoc)
	return nil
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
func listPage[T any](c *gin.Context, items []T, next string, err error) error {
	if err != nil {
		return err
	}
	if next != "" {
		u := *c.Request.URL
		q := u.Query()
		q.Set("cursor", next)
		u.RawQuery = q.Encode()
		c.Header("Link", "<"+u.RequestURI()+`>; rel="next"`)
	}
	c.JSON(http.StatusOK, nonNil(items))
	return nil
}

// versionOf is the version of a resource an answer carries, for its ETag:
// its Version field, its own or that of the resource it embeds; 0 for
// answers that are no versioned resource (lists, reports).
func versionOf(v any) int {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return 0
	}
	t, ok := rv.Type().FieldByName("Version")
	if !ok || t.Type.Kind() != reflect.Int {
		return 0
	}
	f, err := rv.FieldByIndexErr(t.Index)
	if err != nil {
		return 0
	}
	return int(f.Int())
}

// answer writes v with status, and its version as the ETag when it has one.
func answer(c *gin.Context, status int, v any) error {
	if ver := versionOf(v); ver > 0 {
		etag(c, ver)
	}
	c.JSON(status, v)
	return nil
}

// reply answers what a call returned: its error, or else v with status
// (see answer).
func reply(c *gin.Context, status int, v any, err error) error {
	if err != nil {
		return err
	}
	return answer(c, status, v)
}

// show answers a read of the thing whose id is in the path: one helper
// for every GET by id.
func show[T any](load func(context.Context, int64) (T, error)) HandlerFunc {
	return withID(func(c *gin.Context, id int64) error {
		v, err := load(c.Request.Context(), id)
		return reply(c, http.StatusOK, v, err)
	})
}

// withID reads the id of the path before h.
func withID(h func(c *gin.Context, id int64) error) HandlerFunc {
	return func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		return h(c, id)
	}
}

// withJSON reads the JSON body before h: a write of something new.
func withJSON[R any](h func(c *gin.Context, req R) error) HandlerFunc {
	return func(c *gin.Context) error {
		var req R
		if err := decode(c, &req); err != nil {
			return err
		}
		return h(c, req)
	}
}

// withBody reads the id of the path and the JSON body before h: a write
// under the thing the path names.
func withBody[R any](h func(c *gin.Context, id int64, req R) error) HandlerFunc {
	return withID(func(c *gin.Context, id int64) error {
		return withJSON(func(c *gin.Context, req R) error { return h(c, id, req) })(c)
	})
}

// create answers the write of a new thing: the body holds the fields a
// client may set, which are those of the thing's update U, applied to a new
// T; save stores it, and the answer is 201 with the thing, at
// /api/v1/collection/ID.
func create[U interface{ Apply(*T) }, T any](collection string, save func(context.Context, *cotejo.User, *T) error, id func(*T) int64) HandlerFunc {
	return withJSON(func(c *gin.Context, req U) error {
		v := new(T)
		req.Apply(v)
		if err := save(c.Request.Context(), httpx.User(c), v); err != nil {
			return err
		}
		return created(c, collection, id(v), v)
	})
}

// update answers a versioned change of the thing whose id is in the path:
// the body is the change with its version (or If-Match gives it), and the
// answer is what do returns, with its new version as the ETag.
func update[U, T any](do func(context.Context, *cotejo.User, int64, int, U) (T, error)) HandlerFunc {
	return withID(func(c *gin.Context, id int64) error {
		var req patch[U]
		if err := decode(c, &req); err != nil {
			return err
		}
		base, err := baseVersion(c, req.Version)
		if err != nil {
			return err
		}
		v, err := do(c.Request.Context(), httpx.User(c), id, base, req.Change)
		return reply(c, http.StatusOK, v, err)
	})
}

// remove answers DELETE on a versioned resource: the id from the path, the
// base version from If-Match, 204 once del has deleted it.
func remove(del func(ctx context.Context, actor *cotejo.User, id int64, base int) error) HandlerFunc {
	return withID(func(c *gin.Context, id int64) error {
		base, err := baseVersion(c, nil)
		if err != nil {
			return err
		}
		if err := del(c.Request.Context(), httpx.User(c), id, base); err != nil {
			return err
		}
		c.Status(http.StatusNoContent)
		return nil
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
