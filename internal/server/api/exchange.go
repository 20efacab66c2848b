package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

// Export writes an article in one of the interchange formats.
func (a *API) Export(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		f, err := interchange.ParseFormat(c.Query("format"))
		if err != nil {
			return err
		}
		draft := c.Query("draft") == "1" || c.Query("draft") == "true"
		b, err := a.svc.ExportBundle(c.Request.Context(), id, draft, baseURL(c))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := interchange.Export(&buf, f, b); err != nil {
			return err
		}
		c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": interchange.Filename(b, f)}))
		c.Data(http.StatusOK, f.ContentType(), buf.Bytes())
		return nil
	})(c)
}

// Import brings an XLIFF file's targets back into an article.
func (a *API) Import(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		body, err := xmlBody(c)
		if err != nil {
			return err
		}
		doc, err := interchange.ParseXLIFF(bytes.NewReader(body), interchange.Limits{MaxBytes: int64(len(body)) + 1})
		if err != nil {
			return err
		}
		rep, err := a.svc.ImportXLIFF(c.Request.Context(), httpx.User(c), id, doc)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, rep)
		return nil
	})(c)
}

// ImportTM adds a TMX file's pairs to the translation memory.
func (a *API) ImportTM(c *gin.Context) {
	handler(func(c *gin.Context) error {
		body, err := xmlBody(c)
		if err != nil {
			return err
		}
		units, err := interchange.ParseTMX(bytes.NewReader(body), interchange.Limits{MaxBytes: int64(len(body)) + 1})
		if err != nil {
			return err
		}
		tm := make([]*cotejo.TMUnit, len(units))
		for i, u := range units {
			tm[i] = &cotejo.TMUnit{Source: u.Source, Target: u.Target, Note: u.Note}
		}
		origin := "tmx"
		if name := c.Query("name"); name != "" {
			origin = "tmx " + name
		}
		n, err := a.svc.ImportTM(c.Request.Context(), httpx.User(c), tm, origin)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"imported": n})
		return nil
	})(c)
}

// tmExportLimit bounds one TMX export of the memory.
const tmExportLimit = 200_000

// ExportTM writes the translation memory as TMX 1.4.
func (a *API) ExportTM(c *gin.Context) {
	handler(func(c *gin.Context) error {
		units, err := a.svc.TM(c.Request.Context(), tmExportLimit)
		if err != nil {
			return err
		}
		out := make([]interchange.TMUnit, len(units))
		for i, u := range units {
			out[i] = interchange.TMUnit{ID: "tm" + strconv.FormatInt(u.ID, 10), Source: u.Source, Target: u.Target,
				Note: u.Note, CreatedAt: u.CreatedAt, Props: []interchange.TMProp{{Type: "x-cotejo-origin", Value: u.Origin}}}
		}
		var buf bytes.Buffer
		if err := interchange.WriteTMX(&buf, out); err != nil {
			return err
		}
		c.Header("Content-Disposition", `attachment; filename="cotejo-memory.tmx"`)
		c.Data(http.StatusOK, interchange.FormatTMX.ContentType(), buf.Bytes())
		return nil
	})(c)
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
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, cotejo.Errorf(cotejo.CodeTooLarge, "The file is larger than %d bytes.", tooLarge.Limit)
		}
		return nil, cotejo.Errorf(cotejo.CodeMalformed, "The file could not be read.")
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
