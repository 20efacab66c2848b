package media

import (
	"fmt"
	"strings"
	"testing"
)

// hourVTT is an hour of captions: 1200 cues of three seconds, two speakers
// taking turns every ten cues.
func hourVTT() []byte {
	var sb strings.Builder
	sb.WriteString("WEBVTT\n\n")
	for i := 0; i < 1200; i++ {
		who := "Claudia Sheinbaum"
		if i/10%2 == 1 {
			who = "Pregunta"
		}
		fmt.Fprintf(&sb, "%s --> %s\n<v %s>Frase número %d de la conferencia, con las cifras de %d mil viviendas.\n\n",
			Clock(float64(3*i)), Clock(float64(3*i+3)), who, i, i%97)
	}
	return []byte(sb.String())
}

// BenchmarkParseHour reads an hour of WebVTT into a text and time map; it
// is the peer of the benchmarks below.
func BenchmarkParseHour(b *testing.B) {
	data := hourVTT()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(WebVTT, data); err != nil {
			b.Fatal(err)
		}
	}
}

// hourWhisper is an hour of Whisper JSON with word timings.
func hourWhisper() []byte {
	var sb strings.Builder
	sb.WriteString(`{"language": "es", "segments": [`)
	for i := 0; i < 1200; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		words := strings.Fields(fmt.Sprintf("Frase número %d de la conferencia, con las cifras de %d mil viviendas.", i, i%97))
		fmt.Fprintf(&sb, "\n{\"start\": %d, \"end\": %d, \"text\": \" %s\", \"words\": [", 3*i, 3*i+3, strings.Join(words, " "))
		for j, w := range words {
			if j > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, `{"word": " %s", "start": %.2f, "end": %.2f}`, w, float64(3*i)+0.25*float64(j), float64(3*i)+0.25*float64(j+1))
		}
		sb.WriteString("]}")
	}
	sb.WriteString("]}")
	return []byte(sb.String())
}

// BenchmarkParseHourWhisper reads an hour of Whisper JSON with its words.
func BenchmarkParseHourWhisper(b *testing.B) {
	data := hourWhisper()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tr, err := Parse(Whisper, data)
		if err != nil {
			b.Fatal(err)
		}
		if len(tr.Cues[1199].Words) != 13 {
			b.Fatalf("words of the last segment: %d", len(tr.Cues[1199].Words))
		}
	}
}

// BenchmarkRemapHourScattered carries the time map of an hour over ten
// corrections spread through the text, as a reviewer's pass makes them.
func BenchmarkRemapHourScattered(b *testing.B) {
	tr, err := Parse(WebVTT, hourVTT())
	if err != nil {
		b.Fatal(err)
	}
	edited := tr.Text
	for i := 0; i < 1200; i += 120 {
		edited = strings.Replace(edited, fmt.Sprintf("Frase número %d ", i), fmt.Sprintf("Oración %d ", i), 1)
	}
	for b.Loop() {
		if kept, _ := Remap(tr.Text, edited, tr.Cues); len(kept) != len(tr.Cues) {
			b.Fatalf("kept %d of %d", len(kept), len(tr.Cues))
		}
	}
}

// BenchmarkRangeHour finds the time range of a quote in an hour's map.
func BenchmarkRangeHour(b *testing.B) {
	tr, err := Parse(WebVTT, hourVTT())
	if err != nil {
		b.Fatal(err)
	}
	mid := tr.Cues[600]
	for b.Loop() {
		if _, _, ok := Range(tr.Cues, mid.TextStart+3, mid.TextEnd+40); !ok {
			b.Fatal("no range")
		}
	}
}
