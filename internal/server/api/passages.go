package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Passages lists the quoted passages detected in an article's body.
func (a *API) Passages(c *gin.Context) error { return show(a.svc.Passages)(c) }

type ignoreRequest struct {
	Start  *int   `json:"start"`
	End    *int   `json:"end"`
	Reason string `json:"reason"`
}

// IgnorePassage marks a passage not-a-translated-quote.
func (a *API) IgnorePassage(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, req ignoreRequest) error {
		if req.Start == nil || req.End == nil {
			return cotejo.FieldError(cotejo.CodeInvalid, "start", "Give the passage's start and end.")
		}
		p, err := a.svc.IgnorePassage(c.Request.Context(), httpx.User(c), id, cotejo.Span{Start: *req.Start, End: *req.End}, req.Reason)
		return reply(c, http.StatusCreated, p, err)
	})(c)
}

// UnignorePassage removes a not-a-translated-quote mark.
func (a *API) UnignorePassage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		mark, err := idParam(c, "ignore_id")
		if err != nil {
			return err
		}
		if err := a.svc.UnignorePassage(c.Request.Context(), httpx.User(c), id, mark); err != nil {
			return err
		}
		c.Status(http.StatusNoContent)
		return nil
	})(c)
}

type locateRequest struct {
	Text          string `json:"text"`
	MaxCandidates int    `json:"max_candidates"`
}

// candidate is a place a text was found, as the API shows it.
type candidate struct {
	Start int         `json:"start"`
	End   int         `json:"end"`
	Exact string      `json:"exact"`
	Score float64     `json:"score"`
	Kind  anchor.Kind `json:"kind"`
	Edits int         `json:"edits"`
}

type locateResponse struct {
	Candidates []candidate `json:"candidates"`
}

// Locate finds a text in a source: exact, normalized or approximate matches, best first.
func (a *API) Locate(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, req locateRequest) error {
		if req.MaxCandidates > workflow.MaxCandidates {
			return cotejo.FieldError(cotejo.CodeInvalid, "max_candidates", "max_candidates may be at most %d.", workflow.MaxCandidates)
		}
		cands, err := a.svc.LocateInSource(c.Request.Context(), id, req.Text, req.MaxCandidates)
		if err != nil {
			return err
		}
		out := locateResponse{Candidates: make([]candidate, len(cands))}
		for i, k := range cands {
			out.Candidates[i] = candidate{Start: k.Start, End: k.End, Exact: k.Exact, Score: k.Score, Kind: k.Kind, Edits: k.Edits}
		}
		return answer(c, http.StatusOK, out)
	})(c)
}

// FindOriginal finds where in a source the original of an English
// rendering stands.
func (a *API) FindOriginal(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, req workflow.FindRequest) error {
		res, err := a.svc.FindOriginal(c.Request.Context(), id, req)
		return reply(c, http.StatusOK, res, err)
	})(c)
}

// SearchSource lists every place of a source where ?q= stands, with its
// sentence and speaker (a concordance of the source).
func (a *API) SearchSource(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		limit := 0
		if v := c.Query("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > workflow.MaxHits {
				return cotejo.FieldError(cotejo.CodeInvalid, "limit", "limit must be a number from 1 to %d.", workflow.MaxHits)
			}
			limit = n
		}
		hits, more, err := a.svc.SearchSource(c.Request.Context(), id, c.Query("q"), limit)
		return reply(c, http.StatusOK, searchResponse{Hits: hits, More: more}, err)
	})(c)
}

type searchResponse struct {
	Hits []workflow.Hit `json:"hits"`
	More bool           `json:"more"`
}

// Excerpt gives the part ?start=&end= of a source's text, for a pane that
// shows a long source around a place.
func (a *API) Excerpt(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		start, err1 := strconv.Atoi(c.Query("start"))
		end, err2 := strconv.Atoi(c.Query("end"))
		if err1 != nil || err2 != nil {
			return cotejo.FieldError(cotejo.CodeInvalid, "start", "Give start and end, in code points of the source's text.")
		}
		x, err := a.svc.SourceExcerpt(c.Request.Context(), id, start, end)
		return reply(c, http.StatusOK, x, err)
	})(c)
}
