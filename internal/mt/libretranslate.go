package mt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// LibreTranslateLimit bounds the text of one request, in bytes: servers
// are often run with a character limit per request.
const LibreTranslateLimit = 20_000

// LibreTranslate is a LibreTranslate server, asked with POST /translate
// and a JSON body whose "q" is an array, which it answers with an array.
type LibreTranslate struct {
	URL     string // the server's base URL
	APIKey  string // sent as api_key when set
	Client  *http.Client
	Timeout time.Duration // per batch; DefaultTimeout when zero
}

// Name is "libretranslate".
func (l *LibreTranslate) Name() string { return "libretranslate" }

// Translate sends the texts in requests of at most LibreTranslateLimit bytes.
func (l *LibreTranslate) Translate(ctx context.Context, texts []string, from, to string) ([]string, error) {
	ctx, cancel := withTimeout(ctx, l.Timeout)
	defer cancel()
	out := make([]string, len(texts))
	for _, b := range batches(texts, LibreTranslateLimit) {
		q := make([]string, len(b))
		for k, i := range b {
			q[k] = texts[i]
		}
		got, err := l.request(ctx, q, primary(from), primary(to))
		if err != nil {
			return nil, err
		}
		if len(got) != len(b) {
			return nil, errCount
		}
		for k, i := range b {
			out[i] = got[k]
		}
	}
	return out, nil
}

func (l *LibreTranslate) request(ctx context.Context, q []string, from, to string) ([]string, error) {
	body := map[string]any{"q": q, "source": from, "target": to, "format": "text"}
	if l.APIKey != "" {
		body["api_key"] = l.APIKey
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.URL+"/translate", bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("mt: libretranslate: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	var res struct {
		TranslatedText []string `json:"translatedText"`
	}
	if err := doJSON(l.Client, req, &res); err != nil {
		return nil, fmt.Errorf("mt: libretranslate: %w", err)
	}
	return res.TranslatedText, nil
}
