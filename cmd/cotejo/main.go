// Command cotejo runs Cotejo, the newsroom workbench for translated
// quotations: `cotejo serve`, `cotejo migrate`, `cotejo user add`,
// `cotejo export`, `cotejo import` and `cotejo backup`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	// Pages show times in each reader's zone: the zone database goes into
	// the binary, so that a server without the system's tzdata knows them.
	_ "time/tzdata"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
