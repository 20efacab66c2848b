package mt

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// APyLimit bounds the text of one request to an APy server, in bytes. APy
// silently drops what lies past about 40 KB of a request, so a batch is
// sent in requests well within that, and a longer text in pieces.
const APyLimit = 30_000

// APy is an Apertium APy server (Debian apertium-apy), asked with POST
// /translate.
type APy struct {
	URL     string        // the server's base URL, e.g. http://127.0.0.1:2737
	Client  *http.Client  // http.DefaultClient when nil
	Timeout time.Duration // per batch; DefaultTimeout when zero
}

// Name is "apy".
func (a *APy) Name() string { return "apy" }

// Translate sends the texts one per line, in requests of at most APyLimit
// bytes, and splits the answers by line again.
func (a *APy) Translate(ctx context.Context, texts []string, from, to string) ([]string, error) {
	pair, err := apertiumPair(from, to)
	if err != nil {
		return nil, err
	}
	ctx, cancel := withTimeout(ctx, a.Timeout)
	defer cancel()
	lines := make([]string, len(texts))
	for i, t := range texts {
		lines[i] = oneLine(t)
	}
	out := make([]string, len(texts))
	for _, b := range batches(lines, APyLimit) {
		if len(b) == 1 && len(lines[b[0]]) > APyLimit {
			var parts []string
			for _, piece := range splitLong(lines[b[0]], APyLimit) {
				tr, err := a.request(ctx, pair, piece)
				if err != nil {
					return nil, err
				}
				parts = append(parts, strings.TrimSpace(tr))
			}
			out[b[0]] = strings.Join(parts, " ")
			continue
		}
		var q strings.Builder
		for k, i := range b {
			if k > 0 {
				q.WriteByte('\n')
			}
			q.WriteString(lines[i])
		}
		tr, err := a.request(ctx, pair, q.String())
		if err != nil {
			return nil, err
		}
		got := strings.Split(strings.TrimSuffix(tr, "\n"), "\n")
		if len(got) != len(b) {
			return nil, errCount
		}
		for k, i := range b {
			out[i] = strings.TrimSpace(got[k])
		}
	}
	return out, nil
}

func (a *APy) request(ctx context.Context, pair, q string) (string, error) {
	form := url.Values{"q": {q}, "langpair": {strings.Replace(pair, "-", "|", 1)}, "markUnknown": {"no"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL+"/translate", strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("mt: apy: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var body struct {
		ResponseData struct {
			TranslatedText *string `json:"translatedText"`
		} `json:"responseData"`
		ResponseDetails any `json:"responseDetails"`
		ResponseStatus  int `json:"responseStatus"`
	}
	if err := doJSON(a.Client, req, &body); err != nil {
		return "", fmt.Errorf("mt: apy: %w", err)
	}
	if body.ResponseStatus != http.StatusOK || body.ResponseData.TranslatedText == nil {
		return "", fmt.Errorf("mt: apy: status %d: %v", body.ResponseStatus, body.ResponseDetails)
	}
	return *body.ResponseData.TranslatedText, nil
}

// maxResponse bounds what is read of a server's answer.
const maxResponse = 16 << 20

// doJSON sends req and decodes a 200 answer into v; any other status is an
// error carrying the start of the answer.
func doJSON(c *http.Client, req *http.Request, v any) error {
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, data)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("the answer is not the expected JSON: %w", err)
	}
	return nil
}
