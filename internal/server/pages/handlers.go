package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// SessionCookie names the cookie that holds the session secret.
const SessionCookie = "cotejo_session"

// LangCookie names the cookie that remembers an anonymous visitor's language.
const LangCookie = "cotejo_lang"

// RequireLogin sends anonymous visitors to the login page and back.
func (pg *Pages) RequireLogin(c *gin.Context) {
	if httpx.User(c) == nil {
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		c.Abort()
	}
}

// Home sends the visitor to the articles.
func (pg *Pages) Home(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/articles") }

type loginData struct {
	Email string
	Next  string
}

// LoginForm shows the login page.
func (pg *Pages) LoginForm(c *gin.Context) {
	if httpx.User(c) != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	pg.render(c, http.StatusOK, "login", pg.page(c, "Log in", loginData{Next: safeNext(c.Query("next"))}))
}

// Login checks the credentials, starts a new session (a new secret at every
// login, so a session id planted before login is worthless) and goes on.
func (pg *Pages) Login(c *gin.Context) {
	email, next := c.PostForm("email"), safeNext(c.PostForm("next"))
	u, err := pg.svc.Login(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	if err != nil {
		p := pg.page(c, "Log in", loginData{Email: email, Next: next})
		p.Error = p.ErrorText(err)
		pg.render(c, httpx.Status(err), "login", p)
		return
	}
	secret, err := pg.svc.NewSession(c.Request.Context(), u.ID)
	if err != nil {
		pg.fail(c, err)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request), MaxAge: int(workflow.SessionLifetime.Seconds())})
	c.Redirect(http.StatusSeeOther, next)
}

// Logout ends the session.
func (pg *Pages) Logout(c *gin.Context) {
	if secret, err := c.Cookie(SessionCookie); err == nil && secret != "" {
		if err := pg.svc.EndSession(c.Request.Context(), secret); err != nil {
			pg.fail(c, err)
			return
		}
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request)})
	pg.redirect(c, "/login", "logged_out")
}

// SetLanguage switches the UI language: the user's preference when logged
// in, a cookie otherwise.
func (pg *Pages) SetLanguage(c *gin.Context) {
	tag, _ := pg.MatchLanguage(c.PostForm("lang"))
	if u := httpx.User(c); u != nil {
		if err := pg.svc.SetLanguage(c.Request.Context(), u, tag.String()); err != nil {
			pg.fail(c, err)
			return
		}
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: LangCookie, Value: tag.String(), Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request)})
	c.Redirect(http.StatusSeeOther, safeNext(c.PostForm("next")))
}

// safeNext keeps redirects on this site: a local path, or the articles.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/articles"
	}
	return next
}

// article loads the article the path names, or renders the error page.
func (pg *Pages) article(c *gin.Context) (*cotejo.Article, bool) {
	id, err := pathID(c)
	if err == nil {
		var a *cotejo.Article
		if a, err = pg.svc.Store().Article(c.Request.Context(), id); err == nil {
			return a, true
		}
	}
	pg.fail(c, err)
	return nil, false
}

// source loads the source the path names, or renders the error page.
func (pg *Pages) source(c *gin.Context) (*cotejo.Source, bool) {
	id, err := pathID(c)
	if err == nil {
		var s *cotejo.Source
		if s, err = pg.svc.Store().Source(c.Request.Context(), id); err == nil {
			return s, true
		}
	}
	pg.fail(c, err)
	return nil, false
}

// pathID reads the numeric id of the path.
func pathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, cotejo.Errorf(cotejo.CodeNotFound, "No such page.")
	}
	return id, nil
}

// formVersion reads the version a form was based on.
func formVersion(c *gin.Context) int {
	v, _ := strconv.Atoi(c.PostForm("version"))
	return v
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
