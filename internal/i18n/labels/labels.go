// Package labels lists the English keys of the names that Cotejo's tables
// give their values (statuses, moves, kinds, roles, suggestions, reasons,
// checks, severities): what the catalogs must translate besides the
// templates' words. scripts/catalogs.py reads it (go run ./scripts/labels),
// and a test of package server fails while any key lacks a translation.
package labels

import (
	"slices"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// Keys returns every label key of the tables, sorted, once each.
func Keys() []string {
	out := slices.Concat(
		of(cotejo.QuoteStatusTable(), func(s cotejo.QuoteStatusInfo) string { return s.Label }),
		of(cotejo.QuoteMoves(), func(m cotejo.Move) string { return m.Label }),
		of(cotejo.ArticleStatusTable(), func(s cotejo.ArticleStatusInfo) string { return s.Label }),
		of(cotejo.ArticleMoves(), func(m cotejo.ArticleMove) string { return m.Label }),
		of(cotejo.SourceKindTable(), func(k cotejo.SourceKindInfo) string { return k.Label }),
		of(cotejo.RoleTable(), func(r cotejo.RoleInfo) string { return r.Label }),
		of(cotejo.SuggestionKinds, func(k cotejo.SuggestionKind) string { return k.Info().Label }),
		of(cotejo.ReasonTable(), func(r cotejo.ReasonInfo) string { return r.Label }),
		of(checks.Catalog(), func(c checks.Info) string { return c.Label }),
		[]string{checks.Error.Label(), checks.Warning.Label()},
	)
	slices.Sort(out)
	return slices.Compact(out)
}

// of is the labels of a table's rows.
func of[R any](rows []R, label func(R) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = label(r)
	}
	return out
}
