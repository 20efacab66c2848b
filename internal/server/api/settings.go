package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Settings returns the newsroom's settings.
func (a *API) Settings(c *gin.Context) error {
	s, err := a.svc.Settings(c.Request.Context())
	return reply(c, http.StatusOK, s, err)
}

// UpdateSettings changes the newsroom's settings (admins).
func (a *API) UpdateSettings(c *gin.Context) error {
	return withJSON(func(c *gin.Context, req patch[cotejo.SettingsUpdate]) error {
		base, err := baseVersion(c, req.Version)
		if err != nil {
			return err
		}
		s, err := a.svc.UpdateSettings(c.Request.Context(), httpx.User(c), base, req.Change)
		return reply(c, http.StatusOK, s, err)
	})(c)
}

// Users lists every account, for admins.
func (a *API) Users(c *gin.Context) error {
	us, err := a.svc.Users(c.Request.Context(), httpx.User(c))
	return listPage(c, us, "", err)
}

type userCreate struct {
	Email    string        `json:"email"`
	Name     string        `json:"name"`
	Roles    []cotejo.Role `json:"roles"`
	Lang     string        `json:"lang"`
	Password string        `json:"password"`
}

// CreateUser adds an account with a first password.
func (a *API) CreateUser(c *gin.Context) error {
	return withJSON(func(c *gin.Context, req userCreate) error {
		u := &cotejo.User{Email: req.Email, Name: req.Name, Roles: req.Roles, Lang: req.Lang}
		if err := a.svc.CreateUser(c.Request.Context(), httpx.User(c), u, req.Password); err != nil {
			return err
		}
		return created(c, "users", u.ID, u)
	})(c)
}

// UpdateUser changes an account's name, roles, language or whether it is disabled.
func (a *API) UpdateUser(c *gin.Context) error { return update(a.svc.UpdateUser)(c) }
