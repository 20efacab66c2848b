package checks

import (
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/transcript"
)

// A transcript in the shape of the versiones estenográficas (the pieces are
// noted in testdata/labelled.json), written for the test.
const pressConference = "Versión estenográfica de la conferencia de prensa.\n\n" +
	"PRESIDENTA DE MÉXICO, ROSAURA ALDANA PINEDA: Buenos días. Hoy informamos sobre el diésel.\n\n" +
	"SECRETARIO DE HACIENDA, ÉDGAR MORALES RUIZ: La recaudación creció 6.2 por ciento.\n\n" +
	"INTERLOCUTORA: Los transportistas anuncian un paro para el lunes.\n\n" +
	"PRESIDENTA DE MÉXICO, ROSAURA ALDANA PINEDA: No va a haber aumento al diésel en enero.\n\n" +
	"Portavoz.- No va a haber aumento al diésel en enero.\n\n" +
	"Portavoz.- Eso lo decide la Secretaría."

func TestCheckSpeaker(t *testing.T) {
	turns := transcript.Turns(pressConference)
	tests := []struct {
		name, speaker, original string
		turns                   []transcript.Turn
		anchored                bool
		want                    bool
	}{
		{"the speaker's own turn", "Rosaura Aldana Pineda", "Hoy informamos sobre el diésel.", turns, false, false},
		{"the surname is enough", "la presidenta Aldana", "Hoy informamos sobre el diésel.", turns, false, false},
		{"another official's turn", "Rosaura Aldana Pineda", "La recaudación creció 6.2 por ciento.", turns, false, true},
		{"a reporter's question", "Rosaura Aldana Pineda", "Los transportistas anuncian un paro para el lunes.", turns, false, true},
		{"a reporter's question, no speaker given", "", "Los transportistas anuncian un paro para el lunes.", turns, false, true},
		{"said twice, no anchor: silent", "Édgar Morales", "No va a haber aumento al diésel en enero.", turns, false, false},
		{"said twice, anchored in the president's turn", "Édgar Morales", "No va a haber aumento al diésel en enero.", turns, true, true},
		{"a role without a name", "Édgar Morales", "Eso lo decide la Secretaría.", turns, false, false},
		{"before the first label", "Édgar Morales", "Versión estenográfica de la conferencia de prensa.", turns, false, false},
		{"no turns given", "Rosaura Aldana Pineda", "La recaudación creció 6.2 por ciento.", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{
				Original: tt.original, OriginalLang: "es-MX", Rendering: "x", RenderingLang: "en", Speaker: tt.speaker,
				SourceText: pressConference, SourceTurns: tt.turns,
			}
			if tt.anchored {
				in.SourceAnchor, in.SourceAnchorState = spanOf(t, pressConference, tt.original), "exact"
			}
			fs := checkSpeaker(prepare(in))
			if got := len(fs) > 0; got != tt.want {
				t.Fatalf("fired = %v, want %v (%+v)", got, tt.want, fs)
			}
			if tt.want && (fs[0].Code != CodeWrongSpeaker || fs[0].Severity != Warning) {
				t.Errorf("finding = %+v", fs[0])
			}
		})
	}
}

// A source shared as a Text brings its turns: the caller need not read them.
func TestCheckSpeakerSharedSource(t *testing.T) {
	src := NewText(pressConference)
	for range 2 { // the second quote reuses the turns read for the first
		in := Input{
			Original: "Los transportistas anuncian un paro para el lunes.", OriginalLang: "es-MX", Rendering: "x", RenderingLang: "en",
			Speaker: "Rosaura Aldana Pineda", Source: src,
		}
		wantOne(t, checkSpeaker(prepare(in)), CodeWrongSpeaker, "")
	}
	// A bare source text without turns is not read for labels.
	in := Input{Original: "Los transportistas anuncian un paro para el lunes.", OriginalLang: "es-MX", Rendering: "x", RenderingLang: "en",
		Speaker: "Rosaura Aldana Pineda", SourceText: pressConference}
	wantCodes(t, checkSpeaker(prepare(in)), nil)
}

func TestCheckSpeakerDetails(t *testing.T) {
	in := Input{
		Original: "La recaudación creció 6.2 por ciento.", OriginalLang: "es-MX", Rendering: "Revenue grew 6.2%.", RenderingLang: "en",
		Speaker: "Rosaura Aldana Pineda", SourceText: pressConference, SourceTurns: transcript.Turns(pressConference),
	}
	f := wantOne(t, checkSpeaker(prepare(in)), CodeWrongSpeaker, "")
	d := f.Details
	if d["turn_speaker"] != "Édgar Morales Ruiz" || d["turn_role"] != "Secretario de Hacienda" || d["question"] != false {
		t.Errorf("details = %v", d)
	}
	sp := d["turn_span"].(Span)
	if got := string([]rune(pressConference)[sp.Start:sp.End]); !strings.HasPrefix(got, "SECRETARIO DE HACIENDA") || !strings.HasSuffix(got, "por ciento.") {
		t.Errorf("turn span covers %q", got)
	}
	if !strings.Contains(f.Message, "Édgar Morales Ruiz") || !strings.Contains(f.Message, "Rosaura Aldana Pineda") {
		t.Errorf("message = %q", f.Message)
	}
}
