package apertium

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
)

// pipe is one lt-proc process kept running in null-flush mode (-z): each
// request is written with a NUL after it and answered up to a NUL. Starting
// lt-proc costs some 20 ms, more than looking up the words of a query, so a
// query must not start one. A pipe that fails is stopped and started again
// on the next request.
type pipe struct {
	args []string

	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	done chan struct{}
}

func newPipe(args ...string) *pipe { return &pipe{args: args} }

func (p *pipe) start() error {
	cmd := exec.Command("lt-proc", append([]string{"-z"}, p.args...)...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("apertium: lt-proc: %w", err)
	}
	p.cmd, p.in, p.out = cmd, in, bufio.NewReaderSize(out, 1<<16)
	p.done = make(chan struct{})
	go func(done chan struct{}) { cmd.Wait(); close(done) }(p.done)
	return nil
}

// stop ends the process, if any. The caller holds p.mu.
func (p *pipe) stop() {
	if p.cmd == nil {
		return
	}
	p.in.Close()
	p.cmd.Process.Kill()
	<-p.done
	p.cmd = nil
}

// ask sends input (lines without NUL) and returns lt-proc's answer.
func (p *pipe) ask(ctx context.Context, input string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		if err := p.start(); err != nil {
			return "", err
		}
	}
	type answer struct {
		s   string
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		if _, err := io.WriteString(p.in, strings.TrimRight(input, "\n")+"\n\x00"); err != nil {
			ch <- answer{"", err}
			return
		}
		s, err := p.out.ReadString(0)
		ch <- answer{strings.TrimSuffix(s, "\x00"), err}
	}()
	select {
	case a := <-ch:
		if a.err != nil {
			p.stop()
			return "", fmt.Errorf("apertium: lt-proc %s: %w", strings.Join(p.args, " "), a.err)
		}
		return a.s, nil
	case <-ctx.Done():
		p.stop() // the reader goroutine ends as the process does
		<-ch
		return "", ctx.Err()
	}
}

// close stops the process for good.
func (p *pipe) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stop()
}

var errClosed = errors.New("apertium: the lexicon is closed")
