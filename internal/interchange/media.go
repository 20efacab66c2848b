package interchange

import (
	"strconv"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/media"
)

// This file says where an export's readers hear a quote: the recording of
// its source and the moment in it.

// recordingURL is where the recording of s plays: the newsroom's media URL
// when the source has one (readers outside Cotejo can reach it), else the
// recording uploaded to Cotejo when the bundle knows where Cotejo answers
// (it plays for people logged in); "" otherwise.
func recordingURL(b Bundle, s *cotejo.Source) string {
	switch {
	case s == nil:
		return ""
	case s.MediaURL != "":
		return s.MediaURL
	case s.Recording != nil && b.BaseURL != "":
		return b.BaseURL + "/api/v1/sources/" + strconv.FormatInt(s.ID, 10) + "/media"
	}
	return ""
}

// momentURL opens the recording of a quote's source at the quote's moment,
// with a W3C media fragment (#t=12.5,18), which browsers' players honour.
func momentURL(b Bundle, q *cotejo.Quote) string {
	u := recordingURL(b, sourceOf(b, q))
	if u == "" || q.Media == nil {
		return ""
	}
	return u + "#" + mediaFragment(q.Media)
}

// timeCode is a media range for people: "00:00:12.500–00:00:18.000".
func timeCode(m *cotejo.MediaRange) string {
	if m == nil {
		return ""
	}
	return media.Clock(m.Start) + "–" + media.Clock(m.End)
}

// mediaNote is the XLIFF note of a quote's moment in the recording: the
// time code, the media fragment and where to play it.
func mediaNote(b Bundle, q *cotejo.Quote) string {
	if q.Media == nil {
		return ""
	}
	s := "recording " + timeCode(q.Media) + " (" + mediaFragment(q.Media) + ")"
	if q.MediaState == cotejo.MediaDerived {
		s += ", from the source's timed transcript"
	}
	if u := momentURL(b, q); u != "" {
		s += ": " + u
	}
	return s
}

// ldRecording describes the recording of a source for JSON-LD: an
// AudioObject or a VideoObject by its type, with where it plays, its
// duration and checksum when Cotejo holds it. nil when the source has no
// recording Cotejo knows of.
func ldRecording(b Bundle, s *cotejo.Source) ldThing {
	u := recordingURL(b, s)
	if u == "" && s.Recording == nil {
		return nil
	}
	typ := "MediaObject"
	rec := ldThing{}
	if r := s.Recording; r != nil {
		switch {
		case len(r.ContentType) >= 6 && r.ContentType[:6] == "audio/":
			typ = "AudioObject"
		case len(r.ContentType) >= 6 && r.ContentType[:6] == "video/":
			typ = "VideoObject"
		}
		rec["encodingFormat"] = r.ContentType
		rec["contentSize"] = strconv.FormatInt(r.Size, 10)
		rec["sha256"] = r.SHA256
	}
	rec["@type"] = typ
	if u != "" {
		rec["contentUrl"] = u
	}
	if s.Duration != nil {
		rec["duration"] = "PT" + strconv.FormatFloat(*s.Duration, 'f', -1, 64) + "S"
	}
	return rec
}
