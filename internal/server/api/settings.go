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
	if err != nil {
		return err
	}
	return answer(c, http.StatusOK, s)
}

// UpdateSettings changes the newsroom's settings (admins).
func (a *API) UpdateSettings(c *gin.Context) error {
	var req patch[cotejo.SettingsUpdate]
	if err := decode(c, &req); err != nil {
		return err
	}
	base, err := baseVersion(c, req.Version)
	if err != nil {
		return err
	}
	s, err := a.svc.UpdateSettings(c.Request.Context(), httpx.User(c), base, req.Change)
	if err != nil {
		return err
	}
	return answer(c, http.StatusOK, s)
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
	var req userCreate
	if err := decode(c, &req); err != nil {
		return err
	}
	u := &cotejo.User{Email: req.Email, Name: req.Name, Roles: req.Roles, Lang: req.Lang}
	if err := a.svc.CreateUser(c.Request.Context(), httpx.User(c), u, req.Password); err != nil {
		return err
	}
	return created(c, "users", u.ID, u)
}

// UpdateUser changes an account's name, roles, language or whether it is disabled.
func (a *API) UpdateUser(c *gin.Context) error { return update(a.svc.UpdateUser)(c) }
