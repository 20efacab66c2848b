package pages

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/server/httpx"
)

// The account page: the person's own preferences, the time zone their
// pages show times in first (the browser says it at the first visit; a
// reporter on assignment sets the desk's zone instead).

// desks are the time zones offered first: where Spanish and English
// newsrooms of the Americas and Spain work. Any IANA zone is accepted.
var desks = []string{
	"America/Mexico_City", "America/Tijuana", "America/Bogota", "America/Lima", "America/Caracas",
	"America/Santiago", "America/Argentina/Buenos_Aires", "America/Havana", "America/Puerto_Rico",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
	"Europe/Madrid", "Atlantic/Canary", "Europe/London", "UTC",
}

type accountData struct {
	Zone  string   // as saved, or as typed when refused
	Zones []string // offered in the field's list
	Now   time.Time
}

// Account shows the person's preferences.
func (pg *Pages) Account(c *gin.Context) error {
	pg.renderAccount(c, http.StatusOK, httpx.User(c).TimeZone, nil)
	return nil
}

func (pg *Pages) renderAccount(c *gin.Context, status int, zone string, err error) {
	pg.renderForm(c, status, "account", "Your account", accountData{Zone: zone, Zones: desks, Now: time.Now()}, err)
}

// SaveAccount saves the person's time zone; a zone that is not one keeps
// the form as typed and says so.
func (pg *Pages) SaveAccount(c *gin.Context) error {
	zone := strings.TrimSpace(c.PostForm("time_zone"))
	if err := pg.svc.SetTimeZone(c.Request.Context(), httpx.User(c), zone); err != nil {
		pg.renderAccount(c, httpx.Status(err), zone, err)
		return nil
	}
	return pg.redirect(c, "/account", "saved")
}
