// Package server builds Cotejo's HTTP handler: the gin engine, its
// middleware (logging, recovery, security headers, body limit, sessions and
// API tokens, CSRF, UI language) and the routes of the pages and the API.
//
// Nothing here keeps state in memory that another instance would need:
// sessions, rate limits and everything else live in the database, so several
// instances can serve one newsroom behind a load balancer.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/server/api"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/server/pages"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/web"
)

// DefaultBodyLimit is the largest request body accepted unless configured.
const DefaultBodyLimit = 10 << 20

// Config configures the handler.
type Config struct {
	// BodyLimit is the largest request body in bytes; larger ones get 413.
	BodyLimit int64
	// SecureCookies: "auto" marks cookies Secure when the request came over
	// TLS, directly or as X-Forwarded-Proto says; "always"; "never".
	SecureCookies string
	// TrustedProxies are the addresses whose X-Forwarded-For is believed
	// (for the per-address login limit); none by default.
	TrustedProxies []string
	Logger         *slog.Logger
	// MediaLimit is the largest recording an upload may carry, in bytes
	// (PUT /api/v1/sources/{id}/media); BodyLimit does not apply to it.
	MediaLimit int64
}

// Server is Cotejo's HTTP handler.
type Server struct {
	engine *gin.Engine
	svc    *workflow.Service
	pages  *pages.Pages
	api    *api.API
	cfg    Config
	log    *slog.Logger
}

// New builds the handler. ready reports whether the database answers.
func New(svc *workflow.Service, bundle *i18n.Bundle, ready func(context.Context) error, cfg Config) (*Server, error) {
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = DefaultBodyLimit
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MediaLimit <= 0 {
		cfg.MediaLimit = DefaultMediaLimit
	}
	s := &Server{svc: svc, cfg: cfg, log: cfg.Logger, api: api.New(svc, ready)}
	s.api.MediaLimit = cfg.MediaLimit
	var err error
	if s.pages, err = pages.New(svc, bundle, s.secure); err != nil {
		return nil, err
	}
	s.pages.MediaLimit = cfg.MediaLimit
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("server: trusted proxies: %w", err)
	}
	e.Use(s.logRequests, s.recover, securityHeaders, s.limitBody, s.authenticate, s.language, s.csrf)
	s.engine = e
	s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists the routes served, for the OpenAPI test.
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// routes wires every path, grouped by who may call it.
func (s *Server) routes() {
	e, a, p := s.engine, s.api, s.pages
	static, _ := fs.Sub(web.Static, "static")
	e.StaticFS("/static", http.FS(static))
	api.NewRoutes(e).GET("/healthz", a.Health)

	// The API: public entry points, then everything behind a token.
	pub := api.NewRoutes(e.Group("/api/v1"))
	pub.GET("/openapi.json", a.OpenAPI)
	pub.POST("/auth/token", a.CreateToken)

	v1 := api.NewRoutes(e.Group("/api/v1", api.RequireUser))
	v1.GET("/me", a.Me)
	v1.PATCH("/me", a.UpdateMe)
	v1.GET("/auth/tokens", a.Tokens)
	v1.DELETE("/auth/tokens/:id", a.RevokeToken)
	v1.GET("/articles", a.Articles)
	v1.POST("/articles", a.CreateArticle)
	v1.GET("/articles/:id", a.Article)
	v1.PATCH("/articles/:id", a.UpdateArticle)
	v1.DELETE("/articles/:id", a.DeleteArticle)
	v1.GET("/articles/:id/passages", a.Passages)
	v1.POST("/articles/:id/passages/ignore", a.IgnorePassage)
	v1.DELETE("/articles/:id/passages/ignore/:ignore_id", a.UnignorePassage)
	v1.GET("/articles/:id/sources", a.ArticleSources)
	v1.POST("/articles/:id/sources", a.AttachSource)
	v1.GET("/articles/:id/quotes", a.Quotes)
	v1.POST("/articles/:id/quotes", a.CreateQuote)
	v1.GET("/sources", a.Sources)
	v1.POST("/sources", a.CreateSource)
	v1.GET("/sources/:id", a.Source)
	v1.PATCH("/sources/:id", a.UpdateSource)
	v1.POST("/sources/:id/locate", a.Locate)
	v1.POST("/sources/:id/find-original", a.FindOriginal)
	v1.GET("/sources/:id/search", a.SearchSource)
	v1.GET("/sources/:id/excerpt", a.Excerpt)
	v1.PUT("/sources/:id/cues", a.PutCues)
	v1.GET("/sources/:id/cues", a.Cues)
	v1.PUT("/sources/:id/media", a.PutMedia)
	v1.GET("/sources/:id/media", a.Media)
	v1.HEAD("/sources/:id/media", a.Media)
	v1.GET("/quotes/:id", a.Quote)
	v1.PATCH("/quotes/:id", a.UpdateQuote)
	v1.DELETE("/quotes/:id", a.DeleteQuote)
	v1.GET("/quotes/:id/history", a.History)
	v1.POST("/quotes/:id/transition", a.TransitionQuote)
	v1.POST("/quotes/:id/apply-to-article", a.ApplyRendering)
	v1.GET("/quotes/:id/checks", a.Checks)
	v1.GET("/quotes/:id/comments", a.Comments)
	v1.POST("/quotes/:id/comments", a.AddComment)
	v1.GET("/quotes/:id/suggestions", a.Suggestions)
	v1.GET("/articles/:id/readiness", a.Readiness)
	v1.GET("/articles/:id/history", a.ArticleHistory)
	v1.POST("/articles/:id/checks", a.CheckDraft)
	v1.POST("/articles/:id/transition", a.TransitionArticle)
	v1.GET("/queue", a.Queue)
	v1.GET("/mentions", a.Mentions)
	v1.GET("/glossary", a.Glossary)
	v1.POST("/glossary", a.CreateGlossaryTerm)
	v1.PATCH("/glossary/:id", a.UpdateGlossaryTerm)
	v1.DELETE("/glossary/:id", a.DeleteGlossaryTerm)
	v1.GET("/users", a.Users)
	v1.POST("/users", a.CreateUser)
	v1.PATCH("/users/:id", a.UpdateUser)
	v1.GET("/settings", a.Settings)
	v1.PATCH("/settings", a.UpdateSettings)
	v1.GET("/tm/search", a.SearchTM)
	v1.GET("/tm/export", a.ExportTM)
	v1.POST("/tm/import", a.ImportTM)
	v1.GET("/articles/:id/export", a.Export)
	v1.POST("/articles/:id/import", a.Import)

	// The pages: the login page for everyone, the rest after login.
	open := p.Routes(e)
	open.GET("/login", p.LoginForm)
	open.POST("/login", p.Login)
	open.POST("/lang", p.SetLanguage)
	w := p.Routes(e.Group("/", p.RequireLogin))
	w.GET("/", p.Home)
	w.POST("/logout", p.Logout)
	w.GET("/articles", p.Articles)
	w.GET("/articles/new", p.NewArticle)
	w.POST("/articles", p.CreateArticle)
	w.GET("/articles/:id", p.Article)
	w.GET("/articles/:id/edit", p.EditArticle)
	w.POST("/articles/:id/edit", p.UpdateArticle)
	w.POST("/articles/:id/sources", p.AttachSource)
	w.POST("/articles/:id/quotes", p.CreateQuote)
	w.POST("/articles/:id/passages/ignore", p.IgnorePassage)
	w.POST("/articles/:id/passages/:mark/unignore", p.UnignorePassage)
	w.POST("/quotes/:id/edit", p.UpdateQuote)
	w.GET("/quotes/:id", p.QuotePage)
	w.POST("/quotes/:id/transition", p.TransitionQuote)
	w.POST("/quotes/:id/restore", p.RestoreRendering)
	w.POST("/quotes/:id/apply", p.ApplyRendering)
	w.POST("/quotes/:id/comments", p.AddComment)
	w.GET("/queue", p.Queue)
	w.GET("/articles/:id/readiness", p.ArticleReadiness)
	w.POST("/articles/:id/transition", p.TransitionArticle)
	w.POST("/articles/:id/approve-verified", p.ApproveVerified)
	w.GET("/articles/:id/passages/:span", p.Passage)
	w.POST("/articles/:id/import", p.ImportXLIFF)
	w.GET("/glossary", p.Glossary)
	w.POST("/glossary", p.CreateGlossaryTerm)
	w.POST("/glossary/:id/edit", p.UpdateGlossaryTerm)
	w.POST("/glossary/:id/delete", p.DeleteGlossaryTerm)
	w.GET("/memory", p.Memory)
	w.POST("/memory/import", p.ImportTMX)
	w.GET("/account", p.Account)
	w.POST("/account", p.SaveAccount)
	w.GET("/users", p.Users)
	w.POST("/users", p.CreateUser)
	w.POST("/users/:id/edit", p.UpdateUser)
	w.GET("/sources", p.Sources)
	w.GET("/sources/new", p.NewSource)
	w.POST("/sources", p.CreateSource)
	w.GET("/sources/:id", p.Source)
	w.GET("/sources/:id/edit", p.EditSource)
	w.POST("/sources/:id/edit", p.UpdateSource)
	w.POST("/sources/:id/recording", p.UploadRecording)
	w.POST("/sources/:id/transcript", p.ImportTranscript)

	e.NoRoute(func(c *gin.Context) {
		if isAPI(c) {
			api.NotFound(c)
			return
		}
		p.Fail(c, cotejo.Errorf(cotejo.CodeNotFound, "No such page."))
	})
	e.NoMethod(func(c *gin.Context) {
		if isAPI(c) {
			api.MethodNotAllowed(c)
			return
		}
		c.String(http.StatusMethodNotAllowed, "Method not allowed")
	})
}

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// fail answers an error as JSON for the API and as a page otherwise.
func (s *Server) fail(c *gin.Context, err error) {
	if isAPI(c) {
		httpx.JSONError(c, err)
		return
	}
	s.pages.Fail(c, err)
}

// logRequests logs each request once it is answered.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	l := s.log.With("method", c.Request.Method, "path", c.Request.URL.Path)
	httpx.SetLogger(c, l)
	c.Next()
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelError
	}
	l.Log(c.Request.Context(), level, "request", "status", c.Writer.Status(), "duration", time.Since(start), "bytes", c.Writer.Size())
}

// recover turns a panic into a logged 500 and never shows its text.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if err, ok := r.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(r)
			}
			httpx.Logger(c).Error("panic", "value", fmt.Sprint(r))
			if !c.Writer.Written() {
				s.fail(c, fmt.Errorf("panic: %v", r))
			}
			c.Abort()
		}
	}()
	c.Next()
}

// securityHeaders keeps pages from being framed, sniffed or leaking referrers,
// and allows scripts only from Cotejo itself. Recordings may live elsewhere.
//
// Over HTTPS, Strict-Transport-Security keeps the browser on HTTPS for a
// year (RFC 6797); it is sent only then, since over plain HTTP it means
// nothing and a browser must ignore it. Everything but the static files and
// the API description is marked no-store: pages, API answers and the token
// response carry a newsroom's unpublished work or a credential, which
// neither a shared cache nor the back button after logout may keep.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; media-src 'self' https: http:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	if overTLS(c.Request) {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	if p := c.Request.URL.Path; !strings.HasPrefix(p, "/static/") && p != "/api/v1/openapi.json" {
		h.Set("Cache-Control", "no-store")
	}
	c.Next()
}

// overTLS reports whether a request came over HTTPS, directly or as the
// proxy in front says.
func overTLS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// limitBody refuses bodies over the limit: at once when the length is
// declared, and while reading otherwise.
func (s *Server) limitBody(c *gin.Context) {
	limit := s.bodyLimit(c.Request)
	if c.Request.ContentLength > limit {
		c.Header("Connection", "close")
		s.fail(c, cotejo.Errorf(cotejo.CodeTooLarge, "The request body is larger than %d bytes.", limit))
		c.Abort()
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	c.Next()
}

// sessionKey holds, in the request's context, the secret of the session
// that authenticated it, which the CSRF token is bound to.
const sessionKey = "cotejo.session"

// authenticate finds the user of a request: an API token in the
// Authorization header, else a session cookie. A bad token is refused at
// once; a stale cookie just means anonymous.
func (s *Server) authenticate(c *gin.Context) {
	if public(c.Request) {
		c.Next()
		return
	}
	ctx := c.Request.Context()
	if h := c.GetHeader("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			s.fail(c, cotejo.Errorf(cotejo.CodeUnauthorized, "Use Authorization: Bearer <token>."))
			c.Abort()
			return
		}
		u, err := s.svc.TokenUser(ctx, strings.TrimSpace(token))
		if err != nil {
			s.fail(c, err)
			c.Abort()
			return
		}
		httpx.SetUser(c, u, httpx.ViaToken)
		c.Next()
		return
	}
	if secret, err := c.Cookie(pages.SessionCookie); err == nil && secret != "" {
		u, err := s.svc.SessionUser(ctx, secret)
		switch {
		case err == nil:
			httpx.SetUser(c, u, httpx.ViaSession)
			c.Set(sessionKey, secret)
		case cotejo.ErrorCode(err) == cotejo.CodeUnauthorized:
			http.SetCookie(c.Writer, &http.Cookie{Name: pages.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
		default:
			s.fail(c, err)
			c.Abort()
			return
		}
	}
	c.Next()
}

// public reports whether a path serves everyone alike, so that credentials
// sent to it (good or bad) are not even looked at: a load balancer's health
// check or a client fetching the OpenAPI document must not fail on them.
func public(r *http.Request) bool {
	p := r.URL.Path
	return p == "/healthz" || p == "/api/v1/openapi.json" || strings.HasPrefix(p, "/static/") ||
		(p == "/api/v1/auth/token" && r.Method == http.MethodPost)
}

// language picks the UI language: the user's preference, else the
// switcher's cookie, else Accept-Language.
func (s *Server) language(c *gin.Context) {
	var pref string
	if u := httpx.User(c); u != nil {
		pref = u.Lang
	}
	cookie, _ := c.Cookie(pages.LangCookie)
	tag, p := s.pages.MatchLanguage(pref, cookie, c.GetHeader("Accept-Language"))
	httpx.SetLanguage(c, tag, p)
	c.Header("Content-Language", tag.String())
	c.Next()
}

// csrf guards every state-changing request that rides on a cookie: a form
// must carry the token of its session (or, before login, of the visitor's
// own cookie), and an API call authenticated by the session cookie must
// carry it in X-CSRF-Token. The token is an HMAC under a key in the
// database (see workflow.Service.FormToken), so every instance agrees on
// it and a cookie that an attacker planted comes with no token they could
// know. Token-authenticated API calls carry no ambient credential and need
// none. SameSite=Lax cookies add a second wall.
func (s *Server) csrf(c *gin.Context) {
	if httpx.Via(c) == httpx.ViaToken {
		c.Next()
		return
	}
	binding, fresh := c.GetString(sessionKey), false
	if binding != "" {
		binding = "session:" + binding
	} else {
		visitor, err := c.Cookie(pages.VisitorCookie)
		if err != nil || len(visitor) < 32 {
			visitor, fresh = s.pages.NewVisitor(c), true
		}
		binding = "visitor:" + visitor
	}
	token, err := s.svc.FormToken(c.Request.Context(), binding)
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return
	}
	httpx.SetCSRF(c, token)
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		c.Next()
		return
	}
	var sent string
	switch {
	case pages.IsStreamedUpload(c.Request):
		// A recording is streamed, not parsed whole: the token is the
		// form's first field, read without reading the file.
		up, _ := pages.ReadUpload(c)
		sent = up.Fields["csrf_token"]
	case !isAPI(c):
		sent = c.PostForm("csrf_token")
	case httpx.Via(c) == httpx.ViaSession:
		sent = c.GetHeader("X-CSRF-Token")
	default:
		c.Next()
		return
	}
	// A request that arrived without a cookie to bind to cannot pass.
	if fresh || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
		if !isAPI(c) {
			// The form again, with what was typed and a good token, but only
			// to a page of this site: a form another site made the browser
			// send must not come back filled in, one click from being sent.
			var cop http.CrossOriginProtection
			s.pages.Expired(c, cop.Check(c.Request) == nil)
			return
		}
		httpx.JSONError(c, &cotejo.Error{Code: cotejo.CodeForbidden, Details: csrfRefusal{Reason: "csrf"},
			Message: "Missing or wrong X-CSRF-Token for a cookie-authenticated request."})
		return
	}
	c.Next()
}

// secure says whether cookies for this request get the Secure flag.
func (s *Server) secure(r *http.Request) bool {
	switch s.cfg.SecureCookies {
	case "always":
		return true
	case "never":
		return false
	}
	return overTLS(r)
}

// csrfRefusal is the detail of a request refused for its CSRF token, so
// that a script can tell it from a refusal by roles.
type csrfRefusal struct {
	Reason string `json:"reason"`
}
