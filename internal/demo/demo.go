// Package demo loads Cotejo's demo newsroom: the seed article (an English
// report quoting Mexico's president, who spoke Spanish), its two Spanish
// sources, the quotes that link them, the passages that are not translated
// quotes, a small glossary, and one user per role. The material is
// embedded in the binary.
package demo

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/media"
	"github.com/cotejo/cotejo/internal/workflow"
)

//go:embed demo.json
var demoJSON []byte

//go:embed seed-article.txt
var seedArticle string

// glossaryJSON is the demo newsroom's glossary: terms of Mexican politics
// and how the desk renders them.
//
//go:embed glossary.json
var glossaryJSON []byte

// recordings are the demo's recordings and their WebVTT captions, which
// scripts/demo-recording.sh makes with a speech synthesizer.
//
//go:embed larazon.ogg larazon.vtt
var recordings embed.FS

// EmailDomain is the domain of the demo users' addresses.
const EmailDomain = "demo.cotejo"

// loadedKey marks, in the settings, that the demo material is in the database.
const loadedKey = "demo_loaded"

// Material is the parsed demo.json.
type Material struct {
	Article struct {
		Outlet   string `json:"outlet"`
		Language string `json:"language"`
		Headline string `json:"headline"`
	} `json:"article"`
	Sources []struct {
		Key        string   `json:"key"`
		Kind       string   `json:"kind"`
		Language   string   `json:"language"`
		Title      string   `json:"title"`
		URL        string   `json:"url"`
		RecordedAt string   `json:"recorded_at"`
		Speakers   []string `json:"speakers"`
		Text       string   `json:"text"`
		Recording  string   `json:"recording"` // a file of recordings, uploaded as the source's recording
		Cues       string   `json:"cues"`      // its WebVTT captions, which must build the same text
	} `json:"sources"`
	Links []Link `json:"expected_links"`
}

// Link says which passage of the article renders which original, or why a
// passage is not a translated quote.
type Link struct {
	Passage       string `json:"passage"`
	Speaker       string `json:"speaker"`
	Original      string `json:"original"`
	Source        string `json:"source"`
	NotTranslated string `json:"not_translated"`
}

// Load parses the embedded material.
func Load() (*Material, error) {
	var m Material
	if err := json.Unmarshal(demoJSON, &m); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return &m, nil
}

// Article returns the seed article: its headline, its summary (the first
// paragraph after the headline) and its body (every paragraph after the
// headline's second occurrence).
func Article(m *Material) (*cotejo.Article, error) {
	text := strings.ReplaceAll(seedArticle, "\r\n", "\n")
	first := strings.Index(text, m.Article.Headline)
	second := strings.Index(text[first+len(m.Article.Headline):], m.Article.Headline)
	if first < 0 || second < 0 {
		return nil, fmt.Errorf("demo: the seed article does not repeat its headline")
	}
	second += first + len(m.Article.Headline)
	dek := strings.TrimSpace(text[first+len(m.Article.Headline) : second])
	body := strings.TrimSpace(text[second+len(m.Article.Headline):])
	return &cotejo.Article{Headline: m.Article.Headline, Dek: dek, Body: body, Language: m.Article.Language,
		Outlet: m.Article.Outlet, Dateline: "Mexico City"}, nil
}

// Users are the demo users, one per role.
func Users() []*cotejo.User {
	var out []*cotejo.User
	for _, r := range cotejo.Roles {
		name := strings.ToUpper(string(r[:1])) + string(r[1:])
		out = append(out, &cotejo.User{Email: string(r) + "@" + EmailDomain, Name: "Demo " + name, Roles: []cotejo.Role{r}})
	}
	return out
}

// Seed makes sure the demo users exist with the given password and, the
// first time, loads the demo article, sources, quotes and passage marks.
// It reports whether it loaded the material now.
func Seed(ctx context.Context, svc *workflow.Service, password string) (bool, error) {
	users := map[cotejo.Role]*cotejo.User{}
	for _, u := range Users() {
		existing, err := svc.Account(ctx, u.Email)
		switch {
		case err == nil:
			if err := svc.SetPassword(ctx, nil, existing.ID, password); err != nil {
				return false, err
			}
			u = existing
		case cotejo.ErrorCode(err) == cotejo.CodeNotFound:
			if err := svc.CreateUser(ctx, nil, u, password); err != nil {
				return false, err
			}
		default:
			return false, err
		}
		users[u.Roles[0]] = u
	}
	if _, done, err := svc.Setting(ctx, loadedKey); err != nil || done {
		return false, err
	}
	m, err := Load()
	if err != nil {
		return false, err
	}
	art, err := Article(m)
	if err != nil {
		return false, err
	}
	editor, translator := users[cotejo.RoleEditor], users[cotejo.RoleTranslator]
	if err := svc.CreateArticle(ctx, editor, art); err != nil {
		return false, err
	}
	sources := map[string]*cotejo.Source{}
	for _, s := range m.Sources {
		src := &cotejo.Source{Kind: cotejo.SourceKind(s.Kind), Title: s.Title, Language: s.Language, URL: s.URL,
			RecordedAt: s.RecordedAt, Speakers: s.Speakers, Text: s.Text}
		if err := svc.CreateSource(ctx, translator, src); err != nil {
			return false, err
		}
		if _, err := svc.AttachSource(ctx, translator, art.ID, src.ID); err != nil {
			return false, err
		}
		if err := loadRecording(ctx, svc, translator, src, s.Recording, s.Cues); err != nil {
			return false, err
		}
		sources[s.Key] = src
	}
	for _, l := range m.Links {
		if l.NotTranslated != "" {
			sp, ok := workflow.LocateInArticle(art.Body, art.Language, l.Passage)
			if !ok {
				return false, fmt.Errorf("demo: passage %q is not in the article", l.Passage)
			}
			if _, err := svc.IgnorePassage(ctx, translator, art.ID, sp, l.NotTranslated); err != nil {
				return false, err
			}
			continue
		}
		src := sources[l.Source]
		if src == nil {
			return false, fmt.Errorf("demo: link to unknown source %q", l.Source)
		}
		in := workflow.QuoteInput{Speaker: l.Speaker, SourceID: &src.ID,
			Original:  cotejo.LangText{Text: l.Original, Lang: src.Language},
			Rendering: cotejo.LangText{Text: l.Passage, Lang: art.Language}}
		if _, err := svc.CreateQuote(ctx, translator, art.ID, in); err != nil {
			return false, err
		}
	}
	var terms []*cotejo.GlossaryTerm
	if err := json.Unmarshal(glossaryJSON, &terms); err != nil {
		return false, fmt.Errorf("demo: glossary: %w", err)
	}
	for _, g := range terms {
		if err := svc.CreateGlossaryTerm(ctx, editor, g); err != nil {
			return false, fmt.Errorf("demo: glossary term %q: %w", g.Source.Text, err)
		}
	}
	return true, svc.MarkSetting(ctx, loadedKey, "1")
}

// loadRecording gives a demo source its timed captions and its recording,
// before any quote is made from it, so that the quotes get their moments.
func loadRecording(ctx context.Context, svc *workflow.Service, actor *cotejo.User, src *cotejo.Source, recording, cues string) error {
	if cues != "" {
		vtt, err := recordings.ReadFile(cues)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		timed, err := svc.ImportCues(ctx, actor, src.ID, 0, media.WebVTT, vtt)
		if err != nil {
			return fmt.Errorf("demo: captions %s: %w", cues, err)
		}
		if timed.Text != src.Text {
			return fmt.Errorf("demo: the captions %s do not build the text of source %q", cues, src.Title)
		}
	}
	if recording != "" {
		b, err := recordings.ReadFile(recording)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		_, err = svc.UploadRecording(ctx, actor, src.ID, 0, workflow.RecordingBody{Body: bytes.NewReader(b), Limit: int64(len(b))})
		if err != nil {
			return fmt.Errorf("demo: recording %s: %w", recording, err)
		}
	}
	return nil
}
