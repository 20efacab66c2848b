package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/workflow"
)

// export writes an article in one of the interchange formats.
func export(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := dbFlagSet("export", stderr)
	article := fs.Int64("article", 0, "the article's id")
	format := fs.String("format", "html", "html, md, csv, json, jsonld, xliff12, xliff20 or tmx")
	draft := fs.Bool("draft", false, "include quotes that are not approved, marked as draft")
	out := fs.String("out", "", "file to write (default: standard output)")
	base := fs.String("base-url", os.Getenv("COTEJO_BASE_URL"), "where this Cotejo answers, for links back")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *article < 1 {
		return fmt.Errorf("say which article: --article ID")
	}
	f, err := interchange.ParseFormat(*format)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = db.withService(ctx, func(svc *workflow.Service) error {
		_, err := svc.Export(ctx, &buf, *article, f, *draft, *base)
		return err
	})
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}

// importFile brings an XLIFF file back into an article, or a TMX file into
// the translation memory, in the name of a user (for the audit trail).
func importFile(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := dbFlagSet("import", stderr)
	article := fs.Int64("article", 0, "the article whose renderings an XLIFF file updates")
	tm := fs.Bool("tm", false, "the file is TMX for the translation memory")
	as := fs.String("as", "", "the email of the user the import is recorded as")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *as == "" || (*article < 1) == !*tm {
		return fmt.Errorf("usage: cotejo import (--article ID | --tm) --as EMAIL FILE")
	}
	fh, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer fh.Close()
	return db.withService(ctx, func(svc *workflow.Service) error {
		actor, err := svc.Account(ctx, *as)
		if err != nil {
			return err
		}
		if *tm {
			n, err := svc.ImportTMX(ctx, actor, fh, interchange.Limits{}, "tmx "+fs.Arg(0))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "imported %d pairs into the translation memory\n", n)
			return nil
		}
		rep, err := svc.ImportXLIFF(ctx, actor, *article, fh, interchange.Limits{})
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	})
}
