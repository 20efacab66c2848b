// Package web embeds Cotejo's HTML templates and static files (CSS, the
// small hand-written scripts), so that the binary carries its whole UI.
package web

import "embed"

// Templates holds templates/*.html.
//
//go:embed templates/*.html
var Templates embed.FS

// Static holds static/css and static/js.
//
//go:embed static
var Static embed.FS
