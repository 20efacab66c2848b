// Package testenv is what tests share about the machine they run on: the
// tools outside Go they use (Chromium, xmllint, translate-toolkit,
// PostgreSQL) and the rule for a missing one. A test that needs a tool the
// machine lacks skips with a message naming the Debian package, unless
// COTEJO_REQUIRE_TOOLS=1 (as CI sets), which turns the skip into a failure.
//
// Only tests import this package; it links nothing into the cotejo binary.
package testenv

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Required reports whether missing tools must fail tests instead of skipping them.
func Required() bool { return os.Getenv("COTEJO_REQUIRE_TOOLS") == "1" }

// SkipOrFail skips the test with a reason, or fails it when tools are required.
func SkipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if Required() {
		t.Fatalf("COTEJO_REQUIRE_TOOLS=1 but "+format, args...)
	}
	t.Skipf(format, args...)
}

// Tool returns the path of an executable, or skips (fails when required)
// naming the Debian package that provides it.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		SkipOrFail(t, "%s not found (apt-get install %s)", name, pkg)
	}
	return p
}

// Chromium returns Debian's Chromium, or skips (fails when required).
func Chromium(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return Tool(t, "chromium", "chromium")
}

// BrowserOptions are the options of a headless Chromium for tests: a fresh
// profile in profileDir, and nothing that reaches beyond localhost.
func BrowserOptions(exe, profileDir string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root in containers, where the sandbox cannot start
		chromedp.Flag("disable-gpu", true),
		// The machine reaches nothing but localhost: keep Chromium from
		// trying to phone home, which only costs time and logs noise.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profileDir),
		// Wide enough for the article's two columns.
		chromedp.WindowSize(1280, 900),
	)
}

// Eval evaluates a JavaScript expression in the page of ctx, failing the
// test when it throws or its value does not decode as T.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}
