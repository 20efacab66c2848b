package workflow

import (
	"bufio"
	"context"
	"errors"
	"io"
	"mime"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/media"
)

// This file holds the use cases of recordings: a timed transcript as a
// source's text and time map, the media range of quotes (derived from the
// source anchor, or set by hand), and uploaded recordings.

// ImportCues makes a timed transcript (WebVTT, SRT or Whisper JSON, as data
// in format f) the text and time map of source id, based on version base.
// The quotes anchored in the source are found again in the new text, as
// for any change of it, and their derived media ranges follow. A file that
// cannot be read is CodeInvalid naming the line ("details": {"line": n}).
func (s *Service) ImportCues(ctx context.Context, actor *cotejo.User, id int64, base int, f media.Format, data []byte) (*cotejo.Source, error) {
	if err := cotejo.Can(actor, cotejo.EditSources, nil); err != nil {
		return nil, err
	}
	if err := cotejo.CheckText("cues", string(data)); err != nil {
		return nil, err
	}
	tr, err := media.Parse(f, data)
	if err != nil {
		return nil, cuesError(err)
	}
	var out *cotejo.Source
	err = s.store.InTx(ctx, func(tx Tx) error {
		src, err := kindSource.at(ctx, tx, id, base)
		if err != nil {
			return err
		}
		before := *src
		d := tr.Duration
		src.Text, src.Timed, src.Duration = tr.Text, true, &d
		if err := src.Validate(); err != nil {
			return err
		}
		src.Normalize()
		src.UpdatedAt = s.Now()
		if err := tx.UpdateSource(ctx, src); err != nil {
			return err
		}
		cues := fromMedia(tr.Cues)
		if err := tx.SetTimeMap(ctx, id, cues, s.Now()); err != nil {
			return err
		}
		if err := s.prepareLater(ctx, tx, src); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntitySource, id, nil, cotejo.ActionImport, before, src, cotejo.Because(cotejo.ReasonTimedTranscript, f.Name())); err != nil {
			return err
		}
		out = src
		if src.Text != before.Text {
			if err := s.reanchorSource(ctx, tx, actor, src); err != nil {
				return err
			}
		}
		return s.rederiveMedia(ctx, tx, actor, src, cues)
	})
	return out, err
}

// cuesError turns a transcript the media package could not read into the
// domain's error, with the line.
func cuesError(err error) error {
	var pe *media.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	return &cotejo.Error{Code: cotejo.CodeInvalid, Field: "cues", Message: "The " + pe.Error() + ".",
		Details: UnreadableCues{Format: string(pe.Format), Line: pe.Line}}
}

// Cues lists the time map of a source: its cues in text order, empty when
// the source is not timed.
func (s *Service) Cues(ctx context.Context, id int64) ([]cotejo.Cue, error) {
	cues, err := childrenOf(ctx, s.store.Source, id, s.store.TimeMap)
	if err == nil && cues == nil {
		cues = []cotejo.Cue{}
	}
	return cues, err
}

// retime carries the time map of a timed source over an edit of its text
// (see media.Remap), before the source is written: the cues that lost their
// time are named in src.CuesLost, and a source none of whose cues kept
// their time is timed no more. It returns the new cues.
func (s *Service) retime(ctx context.Context, tx Tx, before, src *cotejo.Source) ([]cotejo.Cue, error) {
	if !before.Timed || before.Text == src.Text {
		return nil, nil
	}
	cues, err := tx.TimeMap(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	kept, lost := media.Remap(before.Text, src.Text, toMedia(cues))
	for _, l := range lost {
		src.CuesLost = append(src.CuesLost, cotejo.LostCue{Start: l.Cue.Start, End: l.Cue.End, Text: l.Text})
	}
	next := fromMedia(kept)
	if len(next) == 0 {
		src.Timed, src.Duration, next = false, nil, nil
	}
	return next, tx.SetTimeMap(ctx, src.ID, next, s.Now())
}

// rederiveMedia gives every quote of a timed source whose media range is
// not set by hand the range of its source anchor in the time map cues.
// A verified quote whose range moved goes back to review; a quote of a
// published article cannot change, so such a change is refused.
func (s *Service) rederiveMedia(ctx context.Context, tx Tx, actor *cotejo.User, src *cotejo.Source, cues []cotejo.Cue) error {
	quotes, err := tx.QuotesBySource(ctx, src.ID)
	if err != nil {
		return err
	}
	for _, q := range quotes {
		if q.MediaState == cotejo.MediaManual {
			continue
		}
		before := *q
		derive(q, src, cues)
		if eqPtr(q.Media, before.Media) && q.MediaState == before.MediaState {
			continue
		}
		a, err := tx.Article(ctx, q.ArticleID)
		if err != nil {
			return err
		}
		if a.Status == cotejo.ArticlePublished {
			return &cotejo.Error{Code: cotejo.CodeLocked, Field: "cues", Details: PublishedArticles{IDs: []int64{a.ID}},
				Message: "This source is evidence for a published article; an editor must reopen the article before its timing can change."}
		}
		var reason cotejo.Reason
		if !eqPtr(q.Media, before.Media) && q.Status.Info().Vouched {
			s.markStale(q)
			reason = cotejo.Because(cotejo.ReasonMediaMoved)
			q.StatusReason = reason
		}
		q.UpdatedAt = s.Now()
		if err := tx.UpdateQuote(ctx, q); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &q.ArticleID, cotejo.ActionReanchor, before, q, reason); err != nil {
			return err
		}
		if !reason.IsZero() {
			if err := s.keepApproval(ctx, tx, actor, a, cotejo.ReasonSourceChanged); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeMedia sets a quote's media range once its anchors are set. A range
// the client gave is the quote's own (manual); on a timed source it must
// lie within the recording. Otherwise, unless a range was set by hand
// before and not cleared, the range is derived from the source anchor.
func (s *Service) placeMedia(ctx context.Context, r Reader, q *cotejo.Quote, src *cotejo.Source, given *cotejo.MediaRange, clear bool) error {
	if given != nil {
		if err := given.Validate(); err != nil {
			return err
		}
		if src != nil && src.Timed && src.Duration != nil {
			if err := given.Within(*src.Duration); err != nil {
				return err
			}
		}
		m := *given
		q.SetMedia(&m, cotejo.MediaManual)
		return nil
	}
	if clear {
		q.SetMedia(nil, cotejo.MediaNone)
	}
	if q.MediaState == cotejo.MediaManual {
		return nil
	}
	var cues []cotejo.Cue
	if src != nil && src.Timed {
		var err error
		if cues, err = r.TimeMap(ctx, src.ID); err != nil {
			return err
		}
	}
	derive(q, src, cues)
	return nil
}

// derive sets a quote's derived media range from its source anchor and the
// time map of its source: from the start of the first cue or word the
// anchor touches to the end of the last. A quote whose anchor is lost keeps
// the range it had; one no longer anchored in a timed source loses it.
func derive(q *cotejo.Quote, src *cotejo.Source, cues []cotejo.Cue) {
	a := q.SourceAnchor
	if a != nil && a.State == cotejo.AnchorLost && q.Media != nil {
		return
	}
	if src == nil || !src.Timed || a == nil || len(cues) == 0 {
		if q.MediaState == cotejo.MediaDerived {
			q.SetMedia(nil, cotejo.MediaNone)
		}
		return
	}
	from, to, ok := media.Range(toMedia(cues), a.Start, a.End)
	if !ok {
		q.SetMedia(nil, cotejo.MediaNone)
		return
	}
	q.SetMedia(&cotejo.MediaRange{Start: from, End: to}, cotejo.MediaDerived)
}

// RecordingBody is an upload as the API hands it over: the body and the
// type the client declared.
type RecordingBody struct {
	ContentType string
	Body        io.Reader
	Limit       int64 // the largest recording accepted, in bytes
}

// UploadRecording stores the recording of source id, based on version base,
// streaming it to the database. The file must be audio or video by its
// first bytes (CodeUnsupportedMedia otherwise), whatever type it declares;
// it is served with the type its bytes show. Past the limit it is
// CodeTooLarge; a broken upload is CodeMalformed; either leaves nothing
// behind, nor does it replace the recording there was.
func (s *Service) UploadRecording(ctx context.Context, actor *cotejo.User, id int64, base int, up RecordingBody) (*cotejo.Source, error) {
	if err := cotejo.Can(actor, cotejo.UploadRecordings, nil); err != nil {
		return nil, err
	}
	if up.ContentType != "" {
		mt, _, err := mime.ParseMediaType(up.ContentType)
		if err != nil || !(strings.HasPrefix(mt, "audio/") || strings.HasPrefix(mt, "video/") || mt == "application/octet-stream") {
			return nil, cotejo.Errorf(cotejo.CodeUnsupportedMedia, "Send the recording as audio or video (mp3, m4a, ogg/opus, wav, mp4, webm), not %s.", up.ContentType)
		}
	}
	if _, err := s.store.Source(ctx, id); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(up.Body, media.SniffLen)
	head, err := br.Peek(media.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		// The store reads the body again and reports the fault as it should.
		head = nil
	}
	ct, ok := media.Sniff(head)
	if !ok && len(head) > 0 {
		return nil, notRecording()
	}
	var out *cotejo.Source
	err = s.store.InTx(ctx, func(tx Tx) error {
		src, err := kindSource.at(ctx, tx, id, base)
		if err != nil {
			return err
		}
		before := *src
		rec, err := tx.PutRecording(ctx, id, ct, br, up.Limit, actor.ID, s.Now())
		if err != nil {
			return err
		}
		if !ok {
			return notRecording()
		}
		src.Recording, src.UpdatedAt = rec, s.Now()
		if err := tx.UpdateSource(ctx, src); err != nil {
			return err
		}
		out = src
		return s.record(ctx, tx, actor, cotejo.EntitySource, id, nil, cotejo.ActionUpdate,
			Record{Recording: recordingRecord(before.Recording)}, Record{Recording: recordingRecord(rec)}, cotejo.Reason{})
	})
	return out, err
}

func notRecording() error {
	return cotejo.Errorf(cotejo.CodeUnsupportedMedia, "This file is not a recording Cotejo can serve (mp3, m4a, ogg/opus, wav, mp4, webm).")
}

// Recording opens the uploaded recording of a source for reading: what it
// is, and its bytes (seekable, for Range requests). CodeNotFound when the
// source or its recording does not exist.
func (s *Service) Recording(ctx context.Context, id int64) (*cotejo.Recording, io.ReadSeeker, error) {
	if _, err := s.store.Source(ctx, id); err != nil {
		return nil, nil, err
	}
	return s.store.OpenRecording(ctx, id)
}

func toMedia(cues []cotejo.Cue) []media.Cue {
	out := make([]media.Cue, len(cues))
	for i, c := range cues {
		out[i] = media.Cue{Start: c.Start, End: c.End, TextStart: c.TextStart, TextEnd: c.TextEnd, Speaker: c.Speaker}
		for _, w := range c.Words {
			out[i].Words = append(out[i].Words, media.Word(w))
		}
	}
	return out
}

func fromMedia(cues []media.Cue) []cotejo.Cue {
	out := make([]cotejo.Cue, len(cues))
	for i, c := range cues {
		out[i] = cotejo.Cue{Start: c.Start, End: c.End, TextStart: c.TextStart, TextEnd: c.TextEnd, Speaker: c.Speaker}
		for _, w := range c.Words {
			out[i].Words = append(out[i].Words, cotejo.CueWord(w))
		}
	}
	return out
}
