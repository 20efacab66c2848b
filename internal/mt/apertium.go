package mt

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Apertium runs the local apertium command (Debian apertium and a pair such
// as apertium-eng-spa): one process per batch, not per sentence, as its
// start-up costs more than translating a sentence.
type Apertium struct {
	Command string        // "apertium" when empty
	Timeout time.Duration // per batch; DefaultTimeout when zero
}

// Name is "apertium".
func (a *Apertium) Name() string { return "apertium" }

// Translate translates texts with "apertium -u PAIR", one text per line
// (line breaks inside a text become spaces). Unknown words are left as they
// are, without Apertium's asterisk.
func (a *Apertium) Translate(ctx context.Context, texts []string, from, to string) ([]string, error) {
	if len(texts) == 0 {
		return []string{}, nil
	}
	pair, err := apertiumPair(from, to)
	if err != nil {
		return nil, err
	}
	cmdName := a.Command
	if cmdName == "" {
		cmdName = "apertium"
	}
	ctx, cancel := withTimeout(ctx, a.Timeout)
	defer cancel()
	var in bytes.Buffer
	for i, t := range texts {
		if i > 0 {
			in.WriteByte('\n')
		}
		in.WriteString(oneLine(t))
	}
	cmd := exec.CommandContext(ctx, cmdName, "-u", pair)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("mt: apertium: %w", ctx.Err())
		}
		return nil, fmt.Errorf("mt: apertium: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(texts) {
		return nil, errCount
	}
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return lines, nil
}
