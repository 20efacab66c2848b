package checks

import (
	"strings"
	"testing"
)

func BenchmarkRunDemo(b *testing.B) {
	in := demoInput(b, "nosotros no queremos intervención de ningún gobierno extranjero",
		"We don't want intervention from any foreign government")
	for b.Loop() {
		Run(in)
	}
}

// An hour-long transcript is about 60,000 words; the quote stands at its end
// and is given unanchored, so the whole text is searched.
func BenchmarkRunLongTranscript(b *testing.B) {
	para := "Buenos días. Vamos a informar sobre seguridad, salud y economía; hubo 1.200 detenidos y 3,5 millones de vacunas.\n\n"
	src := strings.Repeat(para, 5000) + readTestdata(b, "demo/larazon.txt")
	in := demoInput(b, "nosotros no queremos intervención de ningún gobierno extranjero",
		"We don't want intervention from any foreign government")
	in.SourceText, in.SourceAnchor, in.SourceAnchorState = src, nil, ""
	for b.Loop() {
		Run(in)
	}
}
