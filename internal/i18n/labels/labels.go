// Package labels lists the English keys of the names that Cotejo's tables
// give their values (statuses, moves, kinds, roles, suggestions, reasons,
// checks, severities): what the catalogs must translate besides the
// templates' words. scripts/catalogs.py reads it (go run
// ./internal/i18n/labels), and a test of package server fails while any
// key lacks a translation.
package labels

import (
	"slices"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// Keys returns every label key of the tables, sorted, once each.
func Keys() []string {
	var out []string
	for _, s := range cotejo.QuoteStatusTable() {
		out = append(out, s.Label)
	}
	for _, m := range cotejo.QuoteMoves() {
		out = append(out, m.Label)
	}
	for _, s := range cotejo.ArticleStatusTable() {
		out = append(out, s.Label)
	}
	for _, m := range cotejo.ArticleMoves() {
		out = append(out, m.Label)
	}
	for _, k := range cotejo.SourceKindTable() {
		out = append(out, k.Label)
	}
	for _, r := range cotejo.RoleTable() {
		out = append(out, r.Label)
	}
	for _, k := range cotejo.SuggestionKinds {
		out = append(out, k.Info().Label)
	}
	for _, r := range cotejo.ReasonTable() {
		out = append(out, r.Label)
	}
	for _, c := range checks.Catalog() {
		out = append(out, c.Label)
	}
	out = append(out, checks.Error.Label(), checks.Warning.Label())
	slices.Sort(out)
	return slices.Compact(out)
}
