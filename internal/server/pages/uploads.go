package pages

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/media"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The source form's uploads: the recording, streamed to the database as
// it arrives (an hour of audio is never held in memory or on disk here),
// and a timed transcript, which becomes the source's text and time map.

// recordingUpload matches the one page route whose body is a recording.
var recordingUpload = regexp.MustCompile(`^/sources/[0-9]+/recording$`)

// IsStreamedUpload reports whether a request is a form whose file is
// streamed rather than parsed whole: the recording of a source. Its body
// limit is the media limit, and its fields are read by ReadUpload.
func IsStreamedUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && recordingUpload.MatchString(r.URL.Path)
}

// Upload is a multipart form read up to its file: the fields before the
// file (a form sends its parts in document order, so the token and the
// version come first), and the file's part, to be read as it arrives.
type Upload struct {
	Fields map[string]string
	File   io.Reader
	Type   string // the file's declared content type
	err    error
}

const uploadKey = "cotejo.upload"

// maxUploadField bounds a field before the file: a token, a version.
const maxUploadField = 4 << 10

// ReadUpload reads the fields of a streamed upload and stops at its file,
// once per request: the CSRF check reads the token from it, and the
// handler then the version and the file.
func ReadUpload(c *gin.Context) (*Upload, error) {
	if v, ok := c.Get(uploadKey); ok {
		u := v.(*Upload)
		return u, u.err
	}
	u := &Upload{Fields: map[string]string{}}
	c.Set(uploadKey, u)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		u.err = cotejo.FieldError(cotejo.CodeInvalid, "file", "Choose a recording to upload.")
		return u, u.err
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			u.err = uploadReadError(err)
			return u, u.err
		}
		if part.FileName() != "" {
			u.File, u.Type = part, part.Header.Get("Content-Type")
			break
		}
		b, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
		if err != nil {
			u.err = uploadReadError(err)
			return u, u.err
		}
		if len(b) > maxUploadField {
			u.err = cotejo.Errorf(cotejo.CodeMalformed, "The form field %s is too long.", part.FormName())
			return u, u.err
		}
		u.Fields[part.FormName()] = string(b)
	}
	return u, nil
}

func uploadReadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return cotejo.Errorf(cotejo.CodeTooLarge, "The file is too large.")
	}
	return cotejo.Errorf(cotejo.CodeMalformed, "The upload broke off; nothing was stored.")
}

// UploadRecording stores the recording sent from the source form, through
// the workflow as the API's PUT does: streamed, checked by its first bytes,
// within the media limit; a refused or broken upload stores nothing.
func (pg *Pages) UploadRecording(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		up, err := ReadUpload(c)
		if err == nil && up.File == nil {
			err = cotejo.FieldError(cotejo.CodeInvalid, "file", "Choose a recording to upload.")
		}
		base := 0
		if err == nil {
			base, _ = strconv.Atoi(up.Fields["version"])
			if base < 1 {
				err = cotejo.FieldError(cotejo.CodeNeedsVersion, "version", "The form does not say which version it was based on; nothing was changed.")
			}
		}
		if err == nil {
			_, err = pg.svc.UploadRecording(c.Request.Context(), httpx.User(c), id, base, workflow.RecordingBody{
				ContentType: up.Type, Body: up.File, Limit: pg.MediaLimit})
		}
		if err != nil {
			if code := cotejo.ErrorCode(err); code == cotejo.CodeTooLarge || code == cotejo.CodeUnsupportedMedia {
				c.Header("Connection", "close") // the rest of the body is not worth reading
			}
			return pg.refusedUpload(c, id, err)
		}
		return pg.redirect(c, pathTo("/sources/", id), "recording")
	})(c)
}

// ImportTranscript makes the timed transcript sent from the source form
// the source's text and time map: WebVTT, SRT or Whisper JSON, told by the
// file's name or type. A file that cannot be read is refused naming its
// line, and nothing is stored.
func (pg *Pages) ImportTranscript(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		err := func() error {
			fh, err := c.FormFile("file")
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					return cotejo.Errorf(cotejo.CodeTooLarge, "The file is too large.")
				}
				return cotejo.FieldError(cotejo.CodeInvalid, "file", "Choose a timed transcript to import.")
			}
			f, ok := transcriptFormat(fh.Filename, fh.Header.Get("Content-Type"))
			if !ok {
				return cotejo.Errorf(cotejo.CodeUnsupportedMedia, "Choose a WebVTT (.vtt), SRT (.srt) or Whisper JSON (.json) file.")
			}
			base, err := formBase(c)
			if err != nil {
				return err
			}
			r, err := fh.Open()
			if err != nil {
				return err
			}
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, fh.Size+1))
			if err != nil {
				return err
			}
			_, err = pg.svc.ImportCues(c.Request.Context(), httpx.User(c), id, base, f, data)
			return err
		}()
		if err != nil {
			return pg.refusedUpload(c, id, err)
		}
		return pg.redirect(c, pathTo("/sources/", id), "transcript")
	})(c)
}

// transcriptFormat tells a transcript's format by its file name, else by
// the type the browser declared.
func transcriptFormat(name, contentType string) (media.Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".vtt", ".webvtt":
		return media.WebVTT, true
	case ".srt":
		return media.SRT, true
	case ".json":
		return media.Whisper, true
	}
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return media.FormatFor(mt)
	}
	return "", false
}

// refusedUpload shows the source's form again with why the upload was
// refused.
func (pg *Pages) refusedUpload(c *gin.Context, id int64, err error) error {
	s, lerr := pg.svc.Source(c.Request.Context(), id)
	if lerr != nil {
		return lerr
	}
	if cotejo.AsError(err) == nil {
		httpx.Logger(c).Error("upload", "source", id, "err", err)
	}
	pg.sourceForm(c, httpx.Status(err), "Edit source", sourceFormData{Source: s}, err)
	return nil
}
