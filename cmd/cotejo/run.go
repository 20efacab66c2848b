package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
	"github.com/cotejo/cotejo/internal/demo"
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/mt"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/locales"
)

const usage = `Cotejo: translated quotations, checked against their originals.

Usage:
  cotejo serve [--demo] [--addr 127.0.0.1:8080] [--data ./cotejo-data] [--database-url URL]
  cotejo migrate [--data DIR] [--database-url URL]
  cotejo user add --email EMAIL --name NAME --role ROLE[,ROLE] [--lang es]   (password on stdin)
  cotejo export --article ID --format html|md|csv|json|jsonld|xliff12|xliff20|tmx [--draft] [--out FILE]
  cotejo import --article ID --as EMAIL FILE.xlf      (XLIFF 1.2 or 2.0 back into the renderings)
  cotejo import --tm --as EMAIL FILE.tmx              (TMX 1.4 into the translation memory)
  cotejo backup [--out FILE]                          (a consistent copy of the SQLite database, while it serves)

Settings (flags win over the environment):
  --addr          COTEJO_ADDR           where to listen (default 127.0.0.1:8080)
  --data          COTEJO_DATA_DIR       folder of the SQLite file (default ./cotejo-data)
  --database-url  COTEJO_DATABASE_URL   postgres://… to use PostgreSQL instead of SQLite
  --body-limit    COTEJO_BODY_LIMIT     largest request body in bytes (default 10485760)
  --media-limit   COTEJO_MEDIA_LIMIT    largest uploaded recording in bytes (default 209715200)
  --demo                                load the demo newsroom (password: COTEJO_DEMO_PASSWORD, else random)
                  COTEJO_SECURE_COOKIES auto (default), always or never
                  COTEJO_TRUSTED_PROXIES comma-separated proxy addresses whose X-Forwarded-For is believed
                  COTEJO_LOG_LEVEL      debug, info (default), warn or error
                  COTEJO_MT             machine-translation suggestions: apertium, apy:URL or libretranslate:URL (default: none)
                  COTEJO_SLOW_QUERY     log SQL statements slower than this at warn level (default 200ms; all at debug)
`

// run is the whole program, testable: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		err = migrate(ctx, args[1:], stdout, stderr)
	case "user":
		err = user(ctx, args[1:], stdin, stdout, stderr)
	case "export":
		err = export(ctx, args[1:], stdout, stderr)
	case "import":
		err = importFile(ctx, args[1:], stdout, stderr)
	case "backup":
		err = backup(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "cotejo: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "cotejo: %s\n", describe(err))
		return 1
	}
	return 0
}

// describe says an error in a sentence a person at a terminal can act on.
func describe(err error) string {
	if e := cotejo.AsError(err); e != nil {
		return e.Message
	}
	return err.Error()
}

// dbFlags are the settings every command that opens the database shares.
type dbFlags struct {
	data, url string
}

// dbFlagSet starts the flags of a command that opens the database: they
// hold the database settings, and their errors and -h go to stderr.
func dbFlagSet(command string, stderr io.Writer) (*flag.FlagSet, *dbFlags) {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(stderr)
	d := &dbFlags{}
	fs.StringVar(&d.data, "data", env("COTEJO_DATA_DIR", "cotejo-data"), "folder of the SQLite database")
	fs.StringVar(&d.url, "database-url", os.Getenv("COTEJO_DATABASE_URL"), "PostgreSQL URL (postgres://…); SQLite when empty")
	return fs, d
}

// dsn is the database to open, and how to name it to a person (without a
// password).
func (d *dbFlags) dsn() (dsn, where string) {
	if d.url == "" {
		p := filepath.Join(d.data, "cotejo.db")
		return p, p
	}
	where, _ = parseURLForDisplay(d.url)
	return d.url, where
}

// open opens and migrates the database, logging its SQL to log (nil:
// nowhere).
func (d *dbFlags) open(ctx context.Context, log *slog.Logger) (*store.Store, string, error) {
	dsn, where := d.dsn()
	var opts []store.Option
	if log != nil {
		slow, err := time.ParseDuration(env("COTEJO_SLOW_QUERY", store.DefaultSlowQuery.String()))
		if err != nil {
			return nil, "", fmt.Errorf("COTEJO_SLOW_QUERY: %w", err)
		}
		opts = append(opts, store.WithLogger(log, slow))
	}
	st, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		return nil, "", err
	}
	if err := st.Migrate(ctx); err != nil {
		_ = st.Close()
		return nil, "", err
	}
	return st, where, nil
}

// withService opens the database for a one-off command, hands its use
// cases to do, and closes the database when do returns.
func (d *dbFlags) withService(ctx context.Context, do func(*workflow.Service) error) error {
	st, _, err := d.open(ctx, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	return do(workflow.New(st))
}

// parseURLForDisplay hides a password in a database URL.
func parseURLForDisplay(s string) (string, error) {
	i := strings.Index(s, "://")
	at := strings.LastIndex(s, "@")
	if i < 0 || at < i {
		return s, nil
	}
	creds := s[i+3 : at]
	if user, _, ok := strings.Cut(creds, ":"); ok {
		return s[:i+3] + user + ":***" + s[at:], nil
	}
	return s, nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func newLogger(w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(env("COTEJO_LOG_LEVEL", "info"))); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := dbFlagSet("serve", stderr)
	addr := fs.String("addr", env("COTEJO_ADDR", "127.0.0.1:8080"), "address to listen on")
	withDemo := fs.Bool("demo", false, "load the demo newsroom")
	limitDefault, _ := strconv.ParseInt(env("COTEJO_BODY_LIMIT", strconv.Itoa(server.DefaultBodyLimit)), 10, 64)
	bodyLimit := fs.Int64("body-limit", limitDefault, "largest request body in bytes")
	mediaDefault, _ := strconv.ParseInt(env("COTEJO_MEDIA_LIMIT", strconv.Itoa(server.DefaultMediaLimit)), 10, 64)
	mediaLimit := fs.Int64("media-limit", mediaDefault, "largest uploaded recording in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(stderr)
	st, where, err := db.open(ctx, log)
	if err != nil {
		return err
	}
	defer st.Close()
	finding, err := findingOptions(log)
	if err != nil {
		return err
	}
	svc := workflow.New(st, append(finding, workflow.WithLogger(log))...)
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	var proxies []string
	for _, p := range strings.Split(os.Getenv("COTEJO_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			proxies = append(proxies, p)
		}
	}
	h, err := server.New(svc, bundle, st.Ping, server.Config{BodyLimit: *bodyLimit, MediaLimit: *mediaLimit, Logger: log,
		SecureCookies: env("COTEJO_SECURE_COOKIES", "auto"), TrustedProxies: proxies})
	if err != nil {
		return err
	}
	var demoPassword string
	if *withDemo {
		demoPassword = os.Getenv("COTEJO_DEMO_PASSWORD")
		if demoPassword == "" {
			demoPassword = randomPassword()
		}
		loaded, err := demo.Seed(ctx, svc, demoPassword)
		if err != nil {
			return fmt.Errorf("loading the demo: %w", err)
		}
		if loaded {
			log.Info("demo newsroom loaded")
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	fmt.Fprintf(stdout, "Cotejo is running at http://%s/ (database: %s)\n", ln.Addr(), where)
	if *withDemo {
		fmt.Fprintf(stdout, "Log in as translator@%[1]s, reviewer@%[1]s, editor@%[1]s or admin@%[1]s\n", demo.EmailDomain)
		if os.Getenv("COTEJO_DEMO_PASSWORD") != "" {
			fmt.Fprintln(stdout, "with the password in COTEJO_DEMO_PASSWORD.")
		} else {
			fmt.Fprintf(stdout, "with the password %s (new at every start; set COTEJO_DEMO_PASSWORD to choose one).\n", demoPassword)
		}
	}
	// Background work (see workflow.RunWorker): one worker per instance,
	// stopped with the server; a job it was doing is recorded as it ends.
	work, stopWork := context.WithCancel(ctx)
	workDone := make(chan struct{})
	go func() {
		defer close(workDone)
		svc.RunWorker(work, workflow.WorkerName(), 2*time.Second)
	}()
	defer func() { stopWork(); <-workDone }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	log.Info("shutting down")
	return srv.Shutdown(shutdown)
}

func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := dbFlagSet("migrate", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, where, err := db.open(ctx, newLogger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s is at schema version %d.\n", where, v)
	return nil
}

// backup copies the SQLite database to a new file, by default
// DATA/backups/cotejo-YYYYMMDD-HHMMSS.db. It does not migrate: a backup taken
// before an upgrade holds the database as it was.
func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := dbFlagSet("backup", stderr)
	out := fs.String("out", "", "the new file (default DATA/backups/cotejo-YYYYMMDD-HHMMSS.db)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dsn, where := db.dsn()
	if db.url == "" {
		if _, err := os.Stat(dsn); err != nil {
			return fmt.Errorf("no database to back up at %s: %w", dsn, err)
		}
	}
	if *out == "" {
		*out = filepath.Join(db.data, "backups", "cotejo-"+time.Now().UTC().Format("20060102-150405")+".db")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes).\nTo restore: stop Cotejo, put the copy in place of %s, delete %s-wal and %s-shm if present, start Cotejo.\n",
		where, *out, info.Size(), dsn, dsn, dsn)
	return nil
}

func user(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: cotejo user add --email EMAIL --name NAME --role ROLE")
	}
	fs, db := dbFlagSet("user add", stderr)
	email := fs.String("email", "", "the user's email")
	name := fs.String("name", "", "the user's name")
	roles := fs.String("role", "", "translator, reviewer, editor or admin (several: comma-separated)")
	lang := fs.String("lang", "", "preferred UI language (en, es); empty follows the browser")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	rs, err := cotejo.ParseRoles(*roles)
	if err != nil {
		return err
	}
	pw, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	return db.withService(ctx, func(svc *workflow.Service) error {
		u := &cotejo.User{Email: *email, Name: *name, Roles: rs, Lang: *lang}
		if err := svc.CreateUser(ctx, nil, u, pw); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Added %s <%s> (id %d).\n", u.Name, u.Email, u.ID)
		return nil
	})
}

// readPassword prompts without echo on a terminal, and reads the first line
// of standard input otherwise (for scripts: echo "$PW" | cotejo user add …).
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(again) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

// findingOptions wires what finding originals and machine suggestions use:
// Apertium's lexicon and translator when installed (without them the
// search uses what needs no dictionary, and says so), and the suggestion
// provider that COTEJO_MT names (none when unset).
func findingOptions(log *slog.Logger) ([]workflow.Option, error) {
	var opts []workflow.Option
	if lex, err := apertium.Default(); err != nil {
		log.Info("finding originals without the Apertium lexicon", "reason", err)
	} else {
		opts = append(opts, workflow.WithLexicon(lex))
	}
	if _, err := exec.LookPath("apertium"); err == nil {
		opts = append(opts, workflow.WithSourceTranslator(&mt.Apertium{}))
	}
	suggester, err := mt.Parse(os.Getenv("COTEJO_MT"))
	if err != nil {
		return nil, fmt.Errorf("COTEJO_MT: %w", err)
	}
	if suggester != nil {
		opts = append(opts, workflow.WithSuggester(suggester))
	}
	return opts, nil
}
