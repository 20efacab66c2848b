package server

import (
	"net/http"
	"regexp"

	"github.com/cotejo/cotejo/internal/server/pages"
)

// DefaultMediaLimit is the largest recording an upload may carry unless
// configured (COTEJO_MEDIA_LIMIT): 200 MiB, an hour of audio at up to
// 450 kbit/s (MP3 at 320 kbit/s, AAC, Opus), or a few minutes of video.
const DefaultMediaLimit = 200 << 20

// mediaUpload matches the API route whose body is a recording.
var mediaUpload = regexp.MustCompile(`^/api/v1/sources/[0-9]+/media$`)

// formOverhead is room for the source form's fields and multipart framing
// around a recording it uploads.
const formOverhead = 64 << 10

// bodyLimit is the largest body a request may carry: the media limit for
// an upload of a recording (the API's PUT, or the source form's), the body
// limit for everything else.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPut && mediaUpload.MatchString(r.URL.Path) {
		return s.cfg.MediaLimit
	}
	if pages.IsStreamedUpload(r) {
		return s.cfg.MediaLimit + formOverhead
	}
	return s.cfg.BodyLimit
}
