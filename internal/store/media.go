package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"gorm.io/gorm"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// This file stores what recordings add to a source: its time map, and an
// uploaded recording kept in the database in chunks.

type timeMapRow struct {
	SourceID  int64 `gorm:"primaryKey"`
	Cues      string
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (timeMapRow) TableName() string { return "source_time_maps" }

// TimeMap returns the cues of a timed source, in text order; nil when the
// source has none.
func (q queries) TimeMap(ctx context.Context, sourceID int64) ([]cotejo.Cue, error) {
	var r timeMapRow
	err := q.ctx(ctx).Where("source_id = ?", sourceID).Limit(1).Find(&r).Error
	if err != nil || r.SourceID == 0 {
		return nil, err
	}
	var cues []cotejo.Cue
	if err := json.Unmarshal([]byte(r.Cues), &cues); err != nil {
		return nil, fmt.Errorf("store: time map of source %d: %w", sourceID, err)
	}
	return cues, nil
}

// SetTimeMap replaces the time map of a source; nil cues remove it.
func (t *Tx) SetTimeMap(ctx context.Context, sourceID int64, cues []cotejo.Cue, at time.Time) error {
	db := t.ctx(ctx)
	if err := db.Where("source_id = ?", sourceID).Delete(&timeMapRow{}).Error; err != nil {
		return err
	}
	if cues == nil {
		return nil
	}
	b, err := json.Marshal(cues)
	if err != nil {
		return err
	}
	return writeErr(db.Create(&timeMapRow{SourceID: sourceID, Cues: string(b), UpdatedAt: at.UTC()}).Error, "time map")
}

type recordingRow struct {
	ID          int64 `gorm:"primaryKey"`
	SourceID    int64
	ContentType string
	Size        int64
	SHA256      string `gorm:"column:sha256"`
	ChunkSize   int
	CreatedBy   *int64
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (recordingRow) TableName() string { return "recordings" }

func (r recordingRow) domain() *cotejo.Recording {
	return &cotejo.Recording{ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256,
		UploadedBy: orZero(r.CreatedBy), UploadedAt: r.CreatedAt.UTC()}
}

// chunkSize is the size of a stored piece of a recording: small enough that
// an upload holds one piece in memory at a time and a seek reads little
// more than it needs, large enough that an hour of audio is a few hundred rows.
const chunkSize = 256 << 10

// PutRecording stores the recording of a source, read from body, in place
// of any before it, and returns what it stored. It reads body a chunk at a
// time, writing each chunk as it comes, and counts and hashes as it goes:
// nothing holds the whole file. Past limit bytes it stops with CodeTooLarge;
// a body that fails to arrive whole is CodeMalformed; an empty one
// CodeInvalid. Since everything happens in the caller's transaction, any of
// these leaves nothing behind, the old recording included.
func (t *Tx) PutRecording(ctx context.Context, sourceID int64, contentType string, body io.Reader, limit int64, by int64, at time.Time) (*cotejo.Recording, error) {
	db := t.ctx(ctx)
	if err := db.Where("source_id = ?", sourceID).Delete(&recordingRow{}).Error; err != nil {
		return nil, err
	}
	row := recordingRow{SourceID: sourceID, ContentType: contentType, ChunkSize: chunkSize, CreatedBy: nonZero(by), CreatedAt: at.UTC()}
	if err := db.Create(&row).Error; err != nil {
		return nil, writeErr(err, "recording")
	}
	h := sha256.New()
	buf := make([]byte, chunkSize)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(body, buf)
		if n > 0 {
			if row.Size+int64(n) > limit {
				return nil, tooLarge(limit)
			}
			if err := db.Exec("INSERT INTO recording_chunks (recording_id, seq, data) VALUES (?, ?, ?)", row.ID, seq, buf[:n]).Error; err != nil {
				return nil, err
			}
			h.Write(buf[:n])
			row.Size += int64(n)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, tooLarge(limit)
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, cotejo.Errorf(cotejo.CodeMalformed, "The upload was interrupted; nothing was stored.")
		}
	}
	if row.Size == 0 {
		return nil, cotejo.Errorf(cotejo.CodeInvalid, "The recording is empty.")
	}
	row.SHA256 = hex.EncodeToString(h.Sum(nil))
	if err := db.Model(&recordingRow{}).Where("id = ?", row.ID).Updates(map[string]any{"size": row.Size, "sha256": row.SHA256}).Error; err != nil {
		return nil, err
	}
	return row.domain(), nil
}

func tooLarge(limit int64) error {
	return cotejo.Errorf(cotejo.CodeTooLarge, "The recording is larger than the limit of %d bytes (COTEJO_MEDIA_LIMIT); nothing was stored.", limit)
}

// OpenRecording returns a source's uploaded recording and a reader of its
// bytes that seeks, as http.ServeContent needs for Range requests. The
// reader fetches the chunk a read falls in, one at a time; when the
// recording is replaced while it is being read, the next fetch fails
// rather than mixing two files.
func (q queries) OpenRecording(ctx context.Context, sourceID int64) (*cotejo.Recording, io.ReadSeeker, error) {
	var r recordingRow
	if err := q.ctx(ctx).Where("source_id = ?", sourceID).First(&r).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, nil, cotejo.Errorf(cotejo.CodeNotFound, "Source %d has no uploaded recording.", sourceID)
		}
		return nil, nil, err
	}
	return r.domain(), &chunkReader{ctx: ctx, db: q.db, id: r.ID, size: r.Size, chunk: int64(r.ChunkSize), seq: -1}, nil
}

// chunkReader reads a stored recording as one stream.
type chunkReader struct {
	ctx   context.Context
	db    *gorm.DB
	id    int64
	size  int64
	chunk int64
	off   int64
	seq   int64 // the chunk in data, -1 for none
	data  []byte
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	seq := r.off / r.chunk
	if seq != r.seq {
		var data []byte
		err := r.db.WithContext(r.ctx).Raw("SELECT data FROM recording_chunks WHERE recording_id = ? AND seq = ?", r.id, seq).Row().Scan(&data)
		if err != nil {
			return 0, fmt.Errorf("store: recording %d chunk %d: %w", r.id, seq, err)
		}
		r.seq, r.data = seq, data
	}
	from := r.off - seq*r.chunk
	if from >= int64(len(r.data)) {
		return 0, fmt.Errorf("store: recording %d chunk %d is shorter than recorded", r.id, seq)
	}
	n := copy(p, r.data[from:])
	r.off += int64(n)
	return n, nil
}

func (r *chunkReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	default:
		return 0, errors.New("store: bad whence")
	}
	if offset < 0 {
		return 0, errors.New("store: seek before the start")
	}
	r.off = offset
	return offset, nil
}
