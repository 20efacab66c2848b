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

// thousandPairs returns 1,000 inputs: the labelled set's pairs in turn, each
// with its source, article and the source's turns as the caller prepares
// them (the turns once per source, outside the checks).
func thousandPairs(b *testing.B) []Input {
	cases := loadLabelled(b)
	ins := make([]Input, 0, 1000)
	for len(ins) < 1000 {
		for _, c := range cases {
			if len(ins) == 1000 {
				break
			}
			ins = append(ins, c.input(b))
		}
	}
	return ins
}

// BenchmarkRunThousandPairs runs every check on 1,000 pairs; the goal is
// under 50 ms in all. BenchmarkTokenizeThousandPairs, its peer, only
// normalizes and tokenizes the same originals and renderings.
func BenchmarkRunThousandPairs(b *testing.B) {
	ins := thousandPairs(b)
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			Run(in)
		}
	}
}

func BenchmarkTokenizeThousandPairs(b *testing.B) {
	ins := thousandPairs(b)
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			tokenize(nfcRunes(in.Original))
			tokenize(nfcRunes(in.Rendering))
		}
	}
}
