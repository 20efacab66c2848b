package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/server/httpx"
)

type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name"`
}

// CreateToken logs in with email and password and returns a new API token.
func (a *API) CreateToken(c *gin.Context) error {
	return withJSON(func(c *gin.Context, req tokenRequest) error {
		ctx := c.Request.Context()
		u, err := a.svc.Login(ctx, req.Email, req.Password, c.ClientIP())
		if err != nil {
			return err
		}
		secret, tok, err := a.svc.CreateToken(ctx, u, req.Name)
		if err != nil {
			return err
		}
		c.JSON(http.StatusCreated, gin.H{"token": secret, "token_info": tok, "user": u})
		return nil
	})(c)
}

// Tokens lists the current user's API tokens (never their secrets).
func (a *API) Tokens(c *gin.Context) error {
	toks, err := a.svc.Tokens(c.Request.Context(), httpx.User(c))
	return listPage(c, toks, "", err)
}

// RevokeToken revokes one of the current user's tokens.
func (a *API) RevokeToken(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		if err := a.svc.RevokeToken(c.Request.Context(), httpx.User(c), id); err != nil {
			return err
		}
		c.Status(http.StatusNoContent)
		return nil
	})(c)
}

// Me returns the current user and roles.
func (a *API) Me(c *gin.Context) error { return answer(c, http.StatusOK, httpx.User(c)) }

type meUpdate struct {
	Lang     *string `json:"lang"`
	TimeZone *string `json:"time_zone"`
}

// UpdateMe changes the current user's own preferences (the UI language,
// the time zone pages show times in).
func (a *API) UpdateMe(c *gin.Context) error {
	return withJSON(func(c *gin.Context, req meUpdate) error {
		u := httpx.User(c)
		if req.Lang != nil {
			if err := a.svc.SetLanguage(c.Request.Context(), u, *req.Lang); err != nil {
				return err
			}
		}
		if req.TimeZone != nil {
			if err := a.svc.SetTimeZone(c.Request.Context(), u, *req.TimeZone); err != nil {
				return err
			}
		}
		return answer(c, http.StatusOK, u)
	})(c)
}
