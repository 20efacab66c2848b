package api

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Export writes an article in one of the interchange formats.
func (a *API) Export(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f, err := interchange.ParseFormat(c.Query("format"))
		if err != nil {
			return err
		}
		draft := c.Query("draft") == "1" || c.Query("draft") == "true"
		var buf bytes.Buffer
		name, err := a.svc.Export(c.Request.Context(), &buf, id, f, draft, baseURL(c))
		if err != nil {
			return err
		}
		c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		c.Data(http.StatusOK, f.ContentType(), buf.Bytes())
		return nil
	})(c)
}

// Import brings an XLIFF file's targets back into an article.
func (a *API) Import(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		body, err := xmlBody(c)
		if err != nil {
			return err
		}
		rep, err := a.svc.ImportXLIFF(c.Request.Context(), httpx.User(c), id, bytes.NewReader(body), bodyLimits(body))
		return reply(c, http.StatusOK, rep, err)
	})(c)
}

// ImportTM adds a TMX file's pairs to the translation memory.
func (a *API) ImportTM(c *gin.Context) error {
	body, err := xmlBody(c)
	if err != nil {
		return err
	}
	origin := "tmx"
	if name := c.Query("name"); name != "" {
		if err := cotejo.CheckText("name", name); err != nil {
			return err
		}
		origin = "tmx " + name
	}
	n, err := a.svc.ImportTMX(c.Request.Context(), httpx.User(c), bytes.NewReader(body), bodyLimits(body), origin)
	return reply(c, http.StatusOK, gin.H{"imported": n}, err)
}

// ExportTM writes the translation memory as TMX 1.4.
func (a *API) ExportTM(c *gin.Context) error {
	var buf bytes.Buffer
	if err := a.svc.ExportTMX(c.Request.Context(), &buf); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="cotejo-memory.tmx"`)
	c.Data(http.StatusOK, interchange.FormatTMX.ContentType(), buf.Bytes())
	return nil
}

// bodyLimits are the import limits for a body already read whole: its size
// is bounded by the request's body limit, not the importer's default.
func bodyLimits(body []byte) interchange.Limits {
	return interchange.Limits{MaxBytes: int64(len(body)) + 1}
}

// xmlBody reads an XML request body whole (the body limit applies) after
// checking that it is declared as XML, if it is declared at all.
func xmlBody(c *gin.Context) ([]byte, error) {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !(mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml") || mt == "application/octet-stream") {
			return nil, cotejo.Errorf(cotejo.CodeUnsupportedMedia, "Send the file as application/xml (XLIFF or TMX).")
		}
	}
	body, err := readBody(c, "file")
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, cotejo.Errorf(cotejo.CodeMalformed, "The file is empty.")
	}
	return body, nil
}

// baseURL is where this Cotejo answers, as the request saw it.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
