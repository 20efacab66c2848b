package pages

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/server/httpx"
)

// A form is posted with a token that no longer matches (it was open across
// a login or logout, or its cookie is gone). Nothing was done, and saying
// "your roles do not allow this" would be wrong: the page says the form
// expired and shows it again, with what was typed and a good token, so that
// sending it again does the work it was meant to do. The login form is
// shown as itself; any other form as a plain form of its fields, since the
// request alone says what was typed but not which page it came from.

// formLabels name the fields a person types, as the forms call them, and
// whether they hold more than one line; other fields (the version a form
// was based on, a status to move to, ticked boxes) go back unseen.
var formLabels = map[string]string{
	"headline": "Headline", "dek": "Summary", "body": "Body", "outlet": "Outlet", "byline": "Byline", "dateline": "Dateline",
	"title": "Title", "text": "Text", "speakers": "Speakers", "url": "Link", "media_url": "Recording link", "recorded_at": "Date",
	"speaker": "Speaker", "original": "Original", "rendering": "Rendering", "reason": "Reason", "note": "Note",
	"source": "Term", "target": "Approved rendering", "alternatives": "Also approved (one per line)",
	"forbidden": "Forbidden renderings (one per line)", "name": "Name", "email": "Email",
}

var multiline = []string{"body", "text", "speakers", "original", "rendering", "note", "alternatives", "forbidden"}

// neverSentBack are fields a page never shows again.
var neverSentBack = []string{"csrf_token", "password"}

type expiredField struct {
	Name, Label, Value string
	Multiline          bool
}

type expiredData struct {
	Action   string
	Typed    []expiredField
	Hidden   []expiredField
	Files    []string
	Password bool // the form had a password, which must be typed again
}

// Expired answers a form whose CSRF token did not match: 403, with the
// form again when it came from a page of this site (sameSite), and with
// nothing of it when another site sent it.
func (pg *Pages) Expired(c *gin.Context, sameSite bool) {
	defer c.Abort()
	r := c.Request
	if !sameSite {
		p := pg.page(c, "This form came from another site", nil)
		pg.render(c, http.StatusForbidden, "expired", p)
		return
	}
	if r.URL.Path == "/login" {
		p := pg.page(c, "Log in", loginData{Email: c.PostForm("email"), Next: safeNext(c.PostForm("next"))})
		p.Error = p.T("This form has expired; log in again.")
		pg.render(c, http.StatusForbidden, "login", p)
		return
	}
	d := expiredData{Action: r.URL.RequestURI()}
	values := r.PostForm
	if r.MultipartForm != nil {
		values = r.MultipartForm.Value
		for name := range r.MultipartForm.File {
			d.Files = append(d.Files, name)
		}
		slices.Sort(d.Files)
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if slices.Contains(neverSentBack, name) {
			d.Password = d.Password || name == "password"
			continue
		}
		label, typed := formLabels[name]
		for _, v := range values[name] {
			f := expiredField{Name: name, Value: v}
			if typed && len(values[name]) == 1 {
				f.Label, f.Multiline = label, slices.Contains(multiline, name) || strings.Contains(v, "\n")
				d.Typed = append(d.Typed, f)
			} else {
				d.Hidden = append(d.Hidden, f)
			}
		}
	}
	p := pg.page(c, "This form has expired", &d)
	httpx.Logger(c).Info("expired form", "path", r.URL.Path)
	pg.render(c, http.StatusForbidden, "expired", p)
}
