package main

// The harness the tests share: a running `cotejo serve`, started through
// run() as the binary would be, and the API calls the tests make to it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const testPassword = "demo-password-for-tests"

// instance is a running `cotejo serve` started through run().
type instance struct {
	URL    string
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var addrLine = regexp.MustCompile(`running at (http://[^/ ]+)/`)

// start runs `cotejo serve --addr 127.0.0.1:0 args…` and waits until it
// prints its address. It stops when the test ends.
func start(t testing.TB, args ...string) *instance {
	t.Helper()
	t.Setenv("COTEJO_DEMO_PASSWORD", testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	in := &instance{cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}}
	go func() {
		in.done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), pw, in.stderr)
		pw.Close()
	}()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for in.URL == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("cotejo serve stopped before listening:\n%s", in.stderr.String())
			}
			if m := addrLine.FindStringSubmatch(l); m != nil {
				in.URL = m[1]
			}
		case <-deadline:
			t.Fatalf("cotejo serve did not start:\n%s", in.stderr.String())
		}
	}
	go func() {
		for range lines {
		}
	}()
	t.Cleanup(in.stop)
	return in
}

func (in *instance) stop() {
	in.cancel()
	select {
	case <-in.done:
	case <-time.After(15 * time.Second):
	}
}

// token logs in through the API and returns a bearer token.
func (in *instance) token(t testing.TB, email string) string {
	t.Helper()
	body := `{"email":"` + email + `","password":"` + testPassword + `"}`
	res, err := http.Post(in.URL+"/api/v1/auth/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if res.StatusCode != http.StatusCreated || json.NewDecoder(res.Body).Decode(&out) != nil || out.Token == "" {
		t.Fatalf("login as %s: status %d", email, res.StatusCode)
	}
	return out.Token
}

// getJSON GETs an API path with a token and decodes the answer into v.
func (in *instance) getJSON(t testing.TB, token, path string, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, in.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// sendJSON calls the API with a token and returns the status and the body.
func sendJSON(t *testing.T, in *instance, token, method, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, in.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	return res.StatusCode, buf.String()
}

// deleteDemoQuote deletes the demo's quote 1, so that its passage waits.
func deleteDemoQuote(t *testing.T, in *instance, tok string) {
	t.Helper()
	var q struct {
		Version int `json:"version"`
	}
	in.getJSON(t, tok, "/api/v1/quotes/1", &q)
	req, _ := http.NewRequest(http.MethodDelete, in.URL+"/api/v1/quotes/1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, q.Version))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("deleting the demo quote: %v %v", res, err)
	}
}

// moveAPI moves a quote through the API as who.
func moveAPI(t *testing.T, in *instance, tok string, id int64, to, reason string) {
	t.Helper()
	var q struct {
		Version int `json:"version"`
	}
	in.getJSON(t, tok, fmt.Sprintf("/api/v1/quotes/%d", id), &q)
	body, _ := json.Marshal(map[string]any{"to": to, "reason": reason, "version": q.Version})
	if status, out := sendJSON(t, in, tok, http.MethodPost, fmt.Sprintf("/api/v1/quotes/%d/transition", id), string(body)); status != http.StatusOK {
		t.Fatalf("moving quote %d to %s: %d %s", id, to, status, out)
	}
}
