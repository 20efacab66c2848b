package anchor_test

import (
	"fmt"

	"github.com/cotejo/cotejo/internal/anchor"
)

func ExampleLocate() {
	source := "“Hay colaboración y coordinación, pero ni hay subordinación”."
	// Typed from memory: no accents, no comma, other quotation marks. The
	// quote was typed between marks, so the source's own marks come with it.
	quote := `"Hay colaboracion y coordinacion pero ni hay subordinacion"`
	for _, c := range anchor.Locate(source, quote, anchor.OptionsFor("es-MX"), 3) {
		fmt.Printf("%s [%d,%d) edits=%d %q\n", c.Kind, c.Start, c.End, c.Edits, c.Exact)
	}
	// Output:
	// approximate [0,60) edits=1 "“Hay colaboración y coordinación, pero ni hay subordinación”"
}

func ExampleReanchor() {
	text := "She called it “a red line that we will not cross” and left."
	old, _ := anchor.SelectorAt(text, 15, 48)
	fmt.Println(old.Exact)
	edited := "On Tuesday she called it “a red line that we shall not cross” and left."
	r := anchor.Reanchor(edited, old)
	fmt.Println(r.State, r.Method, r.Exact)
	for _, op := range r.Diff {
		fmt.Printf("%s %q\n", op.Op, op.Text)
	}
	// Output:
	// a red line that we will not cross
	// approximate fuzzy a red line that we shall not cross
	// equal "a red line that we "
	// delete "will"
	// insert "shall"
	// equal " not cross"
}

func ExampleDetectPassages() {
	body := `Sheinbaum said: "We don't want intervention from any foreign government," and called them "terrorist organizations."`
	for _, p := range anchor.DetectPassages(body, "en") {
		fmt.Printf("%q short=%v\n", p.Text, p.Short)
	}
	// Output:
	// "We don't want intervention from any foreign government" short=false
	// "terrorist organizations" short=true
}
