package crosslingual_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cotejo/cotejo/internal/crosslingual"
)

// The life of a source as the server sees it: read without tools while no
// preparation is stored (Quick), prepared in the background (Prepare, here
// without tools too), stored as JSON under the text's hash, loaded back for
// the queries.
func Example() {
	text := "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días. " +
		"Enviamos 10 mil elementos de la Guardia Nacional a la frontera norte.\n\n" +
		"PREGUNTA: ¿Y los aranceles?"
	q := crosslingual.Query{Rendering: `"We sent 10,000 National Guard troops to the northern border," Sheinbaum said.`, Max: 1}

	res, _ := crosslingual.Quick(text).Find(context.Background(), q)
	fmt.Println(res.Prepared, res.Method)

	src, _ := crosslingual.Prepare(context.Background(), text, crosslingual.Options{})
	data, _ := json.Marshal(src) // stored under crosslingual.TextHash(text)
	loaded, _ := crosslingual.Load(text, data)
	res, _ = loaded.Find(context.Background(), q)
	c := res.Candidates[0]
	fmt.Printf("%d–%d %s %s: %s\n", c.Start, c.End, c.Strength, c.Speaker, c.Exact)
	// Output:
	// false numbers+names+cognates
	// 60–128 strong Claudia Sheinbaum Pardo: Enviamos 10 mil elementos de la Guardia Nacional a la frontera norte
}
