package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Settings returns the newsroom's settings.
func (a *API) Settings(c *gin.Context) {
	handler(func(c *gin.Context) error {
		s, err := a.svc.Settings(c.Request.Context())
		if err != nil {
			return err
		}
		etag(c, s.Version)
		c.JSON(http.StatusOK, s)
		return nil
	})(c)
}

type settingsPatch struct {
	cotejo.SettingsUpdate
	Version *int `json:"version"`
}

// UpdateSettings changes the newsroom's settings (admins).
func (a *API) UpdateSettings(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req settingsPatch
		if err := decode(c, &req); err != nil {
			return err
		}
		base, err := baseVersion(c, req.Version)
		if err != nil {
			return err
		}
		s, err := a.svc.UpdateSettings(c.Request.Context(), httpx.User(c), base, req.SettingsUpdate)
		if err != nil {
			return err
		}
		etag(c, s.Version)
		c.JSON(http.StatusOK, s)
		return nil
	})(c)
}
