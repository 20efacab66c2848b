package crosslingual

import (
	"encoding/json"
	"errors"
	"fmt"
)

// FormatVersion is the version of the stored form of a prepared source. It
// changes whenever what is stored, or the sentence splitting its offsets
// depend on, changes; a stored source of another version is stale and
// must be prepared again.
const FormatVersion = 1

// ErrStale is returned by Load for a stored source of another format
// version, or for another text: prepare the source again.
var ErrStale = errors.New("crosslingual: the stored preparation is stale")

// stored is the JSON document of a prepared source. It holds only what the
// outside tools gave (the lexicon's lemmas of each distinct form, the
// translation of each sentence and the lemmas of its words); everything
// else is read from the text again, which costs milliseconds and keeps the
// document small (about a tenth of the text's size per tool).
type stored struct {
	Format     string           `json:"format"`
	Version    int              `json:"version"`
	TextSHA256 string           `json:"text_sha256"`
	Lexicon    string           `json:"lexicon,omitempty"`
	Translator string           `json:"translator,omitempty"`
	Sentences  [][2]int         `json:"sentences"`
	Spanish    map[string]Entry `json:"spanish,omitempty"`
	English    map[string]Entry `json:"english,omitempty"`
	MT         []string         `json:"mt,omitempty"`
}

const formatName = "cotejo.crosslingual.prepared"

// MarshalJSON writes the versioned stored form of the source.
func (s *Source) MarshalJSON() ([]byte, error) {
	d := stored{
		Format: formatName, Version: FormatVersion, TextSHA256: TextHash(s.text),
		Lexicon: s.lexicon, Translator: s.translator,
		Spanish: s.spanish, English: s.english, MT: s.mt,
		Sentences: make([][2]int, len(s.sents)),
	}
	for i, se := range s.sents {
		d.Sentences[i] = [2]int{se.Start, se.End}
	}
	return json.Marshal(d)
}

// Load rebuilds a prepared source from its text and the stored form written
// by MarshalJSON, without any tool. It returns ErrStale when data is of
// another version or another text (or splits into other sentences), and an
// error for data that is not a stored source at all.
func Load(text string, data []byte) (*Source, error) {
	var d stored
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("crosslingual: not a stored preparation: %w", err)
	}
	if d.Format != formatName {
		return nil, fmt.Errorf("crosslingual: not a stored preparation (format %q)", d.Format)
	}
	if d.Version != FormatVersion || d.TextSHA256 != TextHash(text) {
		return nil, ErrStale
	}
	s := newSource(text)
	if len(s.sents) != len(d.Sentences) || (d.MT != nil && len(d.MT) != len(s.sents)) {
		return nil, ErrStale
	}
	for i, se := range s.sents {
		if d.Sentences[i] != [2]int{se.Start, se.End} {
			return nil, ErrStale
		}
	}
	s.lexicon, s.translator = d.Lexicon, d.Translator
	s.spanish, s.english, s.mt = d.Spanish, d.English, d.MT
	s.index()
	return s, nil
}
