// Package locales embeds Cotejo's message catalogs: one folder per UI
// language, each with a messages.gotext.json in golang.org/x/text's gotext
// format. People edit these files; package i18n loads them.
package locales

import "embed"

// FS holds */messages.gotext.json.
//
//go:embed */messages.gotext.json
var FS embed.FS
