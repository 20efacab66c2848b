package pages

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// SessionCookie names the cookie that holds the session secret.
const SessionCookie = "cotejo_session"

// LangCookie names the cookie that remembers an anonymous visitor's language.
const LangCookie = "cotejo_lang"

// VisitorCookie names the cookie that holds a random value for a visitor
// who is not logged in, which the forms' CSRF token is bound to until login.
const VisitorCookie = "cotejo_csrf"

// NewVisitor gives the browser a new visitor value and returns it. Login and
// logout renew it, so that no token made for one survives into the other.
func (pg *Pages) NewVisitor(c *gin.Context) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("pages: no randomness: " + err.Error())
	}
	v := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(c.Writer, &http.Cookie{Name: VisitorCookie, Value: v, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request)})
	return v
}

// RequireLogin sends anonymous visitors to the login page and back.
func (pg *Pages) RequireLogin(c *gin.Context) {
	if httpx.User(c) == nil {
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		c.Abort()
	}
}

// Home sends the visitor to the articles.
func (pg *Pages) Home(c *gin.Context) error {
	c.Redirect(http.StatusSeeOther, "/articles")
	return nil
}

type loginData struct {
	Email string
	Next  string
}

// LoginForm shows the login page.
func (pg *Pages) LoginForm(c *gin.Context) error {
	if httpx.User(c) != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return nil
	}
	pg.render(c, http.StatusOK, "login", pg.page(c, "Log in", loginData{Next: safeNext(c.Query("next"))}))
	return nil
}

// Login checks the credentials, starts a new session (a new secret at every
// login, so a session id planted before login is worthless) and goes on.
func (pg *Pages) Login(c *gin.Context) error {
	email, next := c.PostForm("email"), safeNext(c.PostForm("next"))
	u, err := pg.svc.Login(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	if err != nil {
		p := pg.page(c, "Log in", loginData{Email: email, Next: next})
		p.Error = p.ErrorText(err)
		httpx.RetryAfter(c, err)
		pg.render(c, httpx.Status(err), "login", p)
		return nil
	}
	secret, err := pg.svc.NewSession(c.Request.Context(), u.ID)
	if err != nil {
		return err
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request), MaxAge: int(workflow.SessionLifetime.Seconds())})
	pg.NewVisitor(c)
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

// Logout ends the session.
func (pg *Pages) Logout(c *gin.Context) error {
	if secret, err := c.Cookie(SessionCookie); err == nil && secret != "" {
		if err := pg.svc.EndSession(c.Request.Context(), secret); err != nil {
			return err
		}
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request)})
	pg.NewVisitor(c)
	return pg.redirect(c, "/login", "logged_out")
}

// SetLanguage switches the UI language: the user's preference when logged
// in, a cookie otherwise.
func (pg *Pages) SetLanguage(c *gin.Context) error {
	tag, _ := pg.MatchLanguage(c.PostForm("lang"))
	if u := httpx.User(c); u != nil {
		if err := pg.svc.SetLanguage(c.Request.Context(), u, tag.String()); err != nil {
			return err
		}
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: LangCookie, Value: tag.String(), Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request)})
	c.Redirect(http.StatusSeeOther, safeNext(c.PostForm("next")))
	return nil
}

// safeNext keeps redirects on this site: a path of this site, or the
// articles. Browsers drop tabs and line breaks from a Location, read a
// backslash as a slash and take "//" as the start of another host, so
// "/\t/evil.example/" leaves the site; a next with any whitespace, control
// character or backslash is therefore refused outright, and what remains
// must parse as a bare path (no scheme, no host) that does not start "//".
func safeNext(next string) string {
	const home = "/articles"
	if strings.ContainsFunc(next, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' }) {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(u.Path, "//") {
		return home
	}
	return next
}

// withID reads the numeric id of the path before h; a path without one
// names no page.
func withID(h func(c *gin.Context, id int64) error) HandlerFunc {
	return func(c *gin.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id < 1 {
			return cotejo.Errorf(cotejo.CodeNotFound, "No such page.")
		}
		return h(c, id)
	}
}

// pathTo is the path of the page of the thing id under prefix, as in
// pathTo("/articles/", 3) or pathTo("/glossary#term-", 7).
func pathTo(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

// formID reads the id a form sends in the field name (0 when it sends none).
func formID(c *gin.Context, name string) int64 {
	id, _ := strconv.ParseInt(c.PostForm(name), 10, 64)
	return id
}

// formVersion reads the version a form was based on, as typed (0 when absent).
func formVersion(c *gin.Context) int {
	v, _ := strconv.Atoi(c.PostForm("version"))
	return v
}

// formBase reads the version a form that changes something was based on.
// Every such form sends it; one that does not is refused (428) rather than
// written over whatever is saved now.
func formBase(c *gin.Context) (int, error) {
	if v := formVersion(c); v > 0 {
		return v, nil
	}
	return 0, cotejo.FieldError(cotejo.CodeNeedsVersion, "version", "The form does not say which version it was based on; nothing was changed.")
}

// shown loads the thing the path names and shows it: the page of one
// thing, or the form that edits it.
func shown[T any](load func(context.Context, int64) (T, error), show func(c *gin.Context, v T) error) HandlerFunc {
	return withID(func(c *gin.Context, id int64) error {
		v, err := load(c.Request.Context(), id)
		if err != nil {
			return err
		}
		return show(c, v)
	})
}

// saveEdit saves the form that edits the versioned thing id (see save):
// update makes the change, and on a refusal again shows the form once
// more with the saved thing of a conflict, nil otherwise, beside what was
// typed.
func saveEdit[U, R, T any](pg *Pages, c *gin.Context, id int64, update func(context.Context, *cotejo.User, int64, int, U) (R, error),
	change U, next string, again func(base int, saved T, err error)) error {
	write := func(base int) error {
		_, err := update(c.Request.Context(), httpx.User(c), id, base, change)
		return err
	}
	return pg.save(c, write, next, "saved", func(base int, err error) error {
		saved, _ := cotejo.Current[T](err)
		again(base, saved, err)
		return nil
	})
}

// save makes a write based on the version the form was made from: done,
// it goes on to next with a flash message; refused, again shows the form
// once more with what was typed and why (base is the version the form
// said, 0 when it said none).
func (pg *Pages) save(c *gin.Context, write func(base int) error, next, flash string, again func(base int, err error) error) error {
	base, err := formBase(c)
	if err == nil {
		err = write(base)
	}
	if err == nil {
		return pg.redirect(c, next, flash)
	}
	return again(base, err)
}

// nextHref is the link to the next page of the list the request shows,
// with its own filters, or "" when next (the list's cursor) is empty.
func nextHref(c *gin.Context, next string) string {
	if next == "" {
		return ""
	}
	q := c.Request.URL.Query()
	q.Set("cursor", next)
	return c.Request.URL.Path + "?" + q.Encode()
}
