package api

import (
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/media"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// mediaTime is how long an upload or a download of a recording may take:
// past the server's two-minute read and write timeouts, which suit every
// other request but not an hour of audio on a slow line.
const mediaTime = 30 * time.Minute

// PutCues makes a timed transcript the source's text and time map: WebVTT
// (text/vtt), SRT (application/x-subrip) or Whisper JSON (application/json).
func (a *API) PutCues(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f, ok := media.FormatFor(c.GetHeader("Content-Type"))
		if !ok {
			return cotejo.Errorf(cotejo.CodeUnsupportedMedia, "Send the transcript as text/vtt (WebVTT), application/x-subrip (SRT) or application/json (Whisper).")
		}
		body, err := readBody(c, "transcript")
		if err != nil {
			return err
		}
		base, err := baseVersion(c, nil)
		if err != nil {
			return err
		}
		src, err := a.svc.ImportCues(c.Request.Context(), httpx.User(c), id, base, f, body)
		return reply(c, http.StatusOK, src, err)
	})(c)
}

// Cues lists the source's time map: [{start, end, text_start, text_end, speaker, words?}].
func (a *API) Cues(c *gin.Context) error { return show(a.svc.Cues)(c) }

// PutMedia stores the recording of a source, sent as the body with its
// type in Content-Type, streaming it to the database.
func (a *API) PutMedia(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		base, err := baseVersion(c, nil)
		if err != nil {
			return err
		}
		_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(mediaTime))
		src, err := a.svc.UploadRecording(c.Request.Context(), httpx.User(c), id, base, workflow.RecordingBody{
			ContentType: c.GetHeader("Content-Type"), Body: c.Request.Body, Limit: a.MediaLimit})
		if err != nil {
			if code := cotejo.ErrorCode(err); code == cotejo.CodeTooLarge || code == cotejo.CodeUnsupportedMedia {
				c.Header("Connection", "close") // the rest of the body is not worth reading
			}
			return err
		}
		c.Header("Location", "/api/v1/sources/"+strconv.FormatInt(id, 10)+"/media")
		return answer(c, http.StatusCreated, src)
	})(c)
}

// Media serves the source's uploaded recording with its own type, to
// logged-in users, with Range requests (206, 416) so that players can seek.
func (a *API) Media(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		rec, r, err := a.svc.Recording(c.Request.Context(), id)
		if err != nil {
			return err
		}
		_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(mediaTime))
		h := c.Writer.Header()
		h.Set("Content-Type", rec.ContentType)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("ETag", `"`+rec.SHA256+`"`)
		h.Set("Cache-Control", "private, no-cache")
		h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": "source-" + strconv.FormatInt(id, 10) + mediaExt(rec.ContentType)}))
		http.ServeContent(c.Writer, c.Request, "", rec.UploadedAt, r)
		return nil
	})(c)
}

// mediaExt is the usual file name extension of a recording's type.
func mediaExt(contentType string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "audio/mpeg":
		return ".mp3"
	case "audio/mp4":
		return ".m4a"
	case "audio/ogg":
		return ".ogg"
	case "video/ogg":
		return ".ogv"
	case "audio/wav":
		return ".wav"
	case "video/mp4":
		return ".mp4"
	case "video/webm":
		return ".webm"
	}
	return ""
}
