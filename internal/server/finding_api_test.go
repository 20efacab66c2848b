package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

const findTranscript = "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días a todas y a todos.\n\n" +
	"Vamos a informar sobre los aranceles. Este año las exportaciones crecieron 7 por ciento, y eso es muy importante.\n\n" +
	"PREGUNTA: ¿Habrá intervención de Estados Unidos?\n\n" +
	"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: No, nosotros no queremos la intervención de ningún gobierno extranjero. " +
	"Hay colaboración, hay coordinación, pero no subordinación.\n"

type findAnswer struct {
	Candidates []struct {
		Start, End int
		Exact      string
		Strength   string
		Speaker    string
		Matched    []struct{ Text, Word, Via string }
	}
	Prepared bool
	Method   string
}

// TestFindOriginalOverAPI: an English rendering, pasted with its narration,
// finds its Spanish original in a transcript: first with what needs no
// dictionary (prepared false), then, once the source is prepared in the
// background, from the prepared source. A remark not said there gets no
// strong candidate; bad input is refused and nothing is stored.
func TestFindOriginalOverAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		var src cotejo.Source
		e.must(201, request{method: "POST", path: "/api/v1/sources", as: "translator",
			body: map[string]string{"title": "Mañanera", "kind": "transcript", "language": "es-MX", "text": findTranscript}}).json(t, &src)
		path := fmt.Sprintf("/api/v1/sources/%d/find-original", src.ID)
		ask := func(rendering string) findAnswer {
			t.Helper()
			var a findAnswer
			e.must(200, request{method: "POST", path: path, as: "reviewer", body: map[string]any{"rendering": rendering, "max_candidates": 3}}).json(t, &a)
			return a
		}
		want := "nosotros no queremos la intervención de ningún gobierno extranjero"
		rendering := `"We don't want intervention from any foreign government," Sheinbaum said in Spanish.`
		a := ask(rendering)
		if a.Prepared || len(a.Candidates) == 0 || !strings.Contains(a.Candidates[0].Exact, want) || a.Candidates[0].Speaker != "Claudia Sheinbaum Pardo" {
			t.Fatalf("before preparation: %+v", a)
		}
		// The source was queued for preparation when it was made; a worker does it.
		if j, err := e.svc.JobStatus(ctx, workflow.JobPrepareSource, fmt.Sprint(src.ID)); err != nil || j == nil || j.State != workflow.JobQueued {
			t.Fatalf("preparation job: %+v %v", j, err)
		}
		for {
			did, err := e.svc.WorkOnce(ctx, "test")
			if err != nil {
				t.Fatal(err)
			}
			if !did {
				break
			}
		}
		a = ask(rendering)
		if !a.Prepared || len(a.Candidates) == 0 || !strings.Contains(a.Candidates[0].Exact, want) {
			t.Fatalf("once prepared: %+v", a)
		}
		// The figure finds its sentence by the number alone, without a lexicon.
		if a = ask("Exports grew 7% this year, the president said."); len(a.Candidates) == 0 || !strings.Contains(a.Candidates[0].Exact, "7 por ciento") {
			t.Fatalf("a figure: %+v", a)
		}
		for _, c := range ask("We will build three new refineries in Tabasco before March.").Candidates {
			if c.Strength == "strong" {
				t.Fatalf("a remark not said there has a strong candidate: %+v", c)
			}
		}

		before := len(eventsOf(t, e, src.ID))
		for _, c := range []struct {
			body   any
			status int
			code   string
		}{
			{map[string]any{"rendering": ""}, 422, "invalid"},
			{map[string]any{"rendering": "   \n"}, 422, "invalid"},
			{map[string]any{"rendering": "Nosotros no queremos la intervención, y es muy importante que el pueblo lo sepa, porque hay colaboración pero no subordinación."}, 422, "unsupported_language"},
			{map[string]any{"rendering": "We don't want intervention", "lang": "fr"}, 422, "unsupported_language"},
			{map[string]any{"rendering": "We don't want intervention", "lang": "not a tag!"}, 422, "invalid_language"},
			{map[string]any{"rendering": "We don't want intervention", "max_candidates": 11}, 422, "invalid"},
			{map[string]any{"rendering": strings.Repeat("We don't want intervention. ", 200)}, 413, "too_large"},
			{`{"rendering": "bad \xff"}`, 400, ""},
		} {
			res := e.do(request{method: "POST", path: path, as: "reviewer", body: c.body})
			if res.status != c.status || (c.code != "" && res.errorCode(t) != c.code) {
				t.Errorf("%v: %d %s, want %d %s", c.body, res.status, res.raw, c.status, c.code)
			}
		}
		e.must(404, request{method: "POST", path: "/api/v1/sources/999/find-original", as: "reviewer", body: map[string]string{"rendering": "Hello"}})
		if after := len(eventsOf(t, e, src.ID)); after != before {
			t.Errorf("queries wrote %d events", after-before)
		}
	})
}

func eventsOf(t *testing.T, e *env, sourceID int64) []*cotejo.Event {
	t.Helper()
	evs, err := e.st.Events(context.Background(), cotejo.EntitySource, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}
