package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The translation memory: everyone searches it; editors and admins bring in
// TMX from other tools. It fills itself with every approved quote.

// memoryRow is a match with the phrase searched for marked in its
// original, where it stands there (folded as locate folds: accents, case,
// quotation marks).
type memoryRow struct {
	workflow.TMMatch
	Parts []segment
}

// markPhrase marks each place where the original holds the phrase.
func markPhrase(m workflow.TMMatch, phrase string) memoryRow {
	var marks []mark
	for _, c := range anchor.LocateEqual(m.Original.Text, phrase, anchor.OptionsFor(m.Original.Lang), 5) {
		marks = append(marks, mark{c.Start, c.End, segment{Class: "phrase"}})
	}
	return memoryRow{TMMatch: m, Parts: segments(m.Original.Text, marks)}
}

type memoryData struct {
	Query, Lang string
	Mode        string // workflow.TMFuzzy or workflow.TMConcordance
	Searched    bool
	Matches     []memoryRow
	CanImport   bool
	Imported    int // pairs the last import added; -1 when there was none
}

// Memory searches the translation memory.
func (pg *Pages) Memory(c *gin.Context) error {
	d := memoryData{Query: strings.TrimSpace(c.Query("q")), Lang: strings.TrimSpace(c.DefaultQuery("lang", "es")),
		Mode: c.DefaultQuery("mode", workflow.TMFuzzy), Imported: -1}
	if n, err := strconv.Atoi(c.Query("imported")); err == nil && n >= 0 {
		d.Imported = n // after an import (post, then redirect here)
	}
	var err error
	if d.Query != "" {
		d.Searched = true
		var found []workflow.TMMatch
		found, err = pg.svc.SearchTM(c.Request.Context(), d.Query, d.Lang, d.Mode, 20)
		for _, m := range found {
			d.Matches = append(d.Matches, markPhrase(m, d.Query))
		}
	}
	status := http.StatusOK
	if err != nil {
		status = httpx.Status(err)
	}
	pg.renderMemory(c, status, d, err)
	return nil
}

func (pg *Pages) renderMemory(c *gin.Context, status int, d memoryData, err error) {
	d.CanImport = cotejo.May(httpx.User(c), cotejo.ImportMemory, nil)
	p := pg.page(c, "Translation memory", d)
	p.refuse(err)
	if d.Imported >= 0 {
		p.Flash = p.T("Pairs imported into the memory: %d.", d.Imported)
	}
	pg.render(c, status, "memory", p)
}

// ImportTMX takes a TMX file into the translation memory.
func (pg *Pages) ImportTMX(c *gin.Context) error {
	f, err := uploaded(c, "Choose a TMX file to import.")
	n := 0
	if err == nil {
		defer f.Close()
		n, err = pg.svc.ImportTMX(c.Request.Context(), httpx.User(c), f, interchange.Limits{}, "tmx")
	}
	if err != nil {
		pg.renderMemory(c, httpx.Status(err), memoryData{Lang: "es", Imported: -1}, err)
		return nil
	}
	return pg.redirect(c, "/memory?imported="+strconv.Itoa(n), "")
}
