package pages

import (
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

type importData struct {
	Article *cotejo.Article
	Report  *workflow.ImportReport
}

// ImportXLIFF takes an XLIFF file from a CAT tool back into an article's
// renderings and shows what happened to each unit.
func (pg *Pages) ImportXLIFF(c *gin.Context) error {
	return shown(pg.svc.Article, func(c *gin.Context, a *cotejo.Article) error {
		f, err := uploaded(c, "Choose an XLIFF file to import.")
		if err != nil {
			return err
		}
		defer f.Close()
		rep, err := pg.svc.ImportXLIFF(c.Request.Context(), httpx.User(c), a.ID, f, interchange.Limits{})
		if err != nil {
			return err
		}
		pg.render(c, http.StatusOK, "import", pg.page(c, "Import report", importData{Article: a, Report: rep}))
		return nil
	})(c)
}

// uploaded opens the file of the form's "file" field, read no further than
// its declared size; missing says what to choose when there is none.
func uploaded(c *gin.Context, missing string) (io.ReadCloser, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, cotejo.Errorf(cotejo.CodeTooLarge, "The file is too large.")
		}
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "file", "%s", missing)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, fh.Size+1), f}, nil
}
