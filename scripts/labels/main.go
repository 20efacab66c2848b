// Command labels prints, as a JSON list, the English keys of the names
// that Cotejo's tables give their values, for scripts/catalogs.py.
package main

import (
	"encoding/json"
	"os"

	"github.com/cotejo/cotejo/internal/i18n/labels"
)

func main() {
	if err := json.NewEncoder(os.Stdout).Encode(labels.Keys()); err != nil {
		os.Exit(1)
	}
}
