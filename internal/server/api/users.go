package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Users lists every account, for admins.
func (a *API) Users(c *gin.Context) {
	handler(func(c *gin.Context) error {
		us, err := a.svc.Users(c.Request.Context(), httpx.User(c))
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, nonNil(us))
		return nil
	})(c)
}

type userCreate struct {
	Email    string        `json:"email"`
	Name     string        `json:"name"`
	Roles    []cotejo.Role `json:"roles"`
	Lang     string        `json:"lang"`
	Password string        `json:"password"`
}

// CreateUser adds an account with a first password.
func (a *API) CreateUser(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req userCreate
		if err := decode(c, &req); err != nil {
			return err
		}
		u := &cotejo.User{Email: req.Email, Name: req.Name, Roles: req.Roles, Lang: req.Lang}
		if err := a.svc.CreateUser(c.Request.Context(), httpx.User(c), u, req.Password); err != nil {
			return err
		}
		created(c, "users", u.ID, u.Version, u)
		return nil
	})(c)
}

type userPatch struct {
	Name     *string        `json:"name"`
	Roles    *[]cotejo.Role `json:"roles"`
	Lang     *string        `json:"lang"`
	Disabled *bool          `json:"disabled"`
	Version  *int           `json:"version"`
}

// UpdateUser changes an account's name, roles, language or whether it is disabled.
func (a *API) UpdateUser(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req userPatch
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		u, err := a.svc.UpdateUser(c.Request.Context(), httpx.User(c), id, base,
			workflow.UserUpdate{Name: req.Name, Roles: req.Roles, Lang: req.Lang, Disabled: req.Disabled})
		if err != nil {
			return err
		}
		etag(c, u.Version)
		c.JSON(http.StatusOK, u)
		return nil
	})(c)
}
