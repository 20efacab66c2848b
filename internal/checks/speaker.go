package checks

import (
	"fmt"

	"github.com/cotejo/cotejo/internal/transcript"
)

// checkSpeaker reports an original that stands, in a transcript with speaker
// labels, in a turn that is not the quote's speaker's: a reporter's question
// quoted as the president's answer, or a minister's figures put in the
// president's mouth. It needs the source's turns (Input.SourceTurns, or
// those of a shared Input.Source) and the original's place in the source; when the original occurs several times
// and no anchor says which, it stays silent rather than guess. A turn whose
// label names a role but no person ("Presidente.-", "Portavoz.-") cannot be
// told apart from the speaker and raises nothing, and so does the text
// before the first label.
func checkSpeaker(p *prepared) []Finding {
	turns := p.turns
	if len(turns) == 0 {
		return nil
	}
	switch p.loc.kind {
	case locExact, locPunct, locApprox:
	default:
		return nil
	}
	if p.loc.ambiguous {
		return nil
	}
	sp := p.loc.span
	for _, at := range []int{sp.Start, sp.End - 1} {
		t, ok := transcript.At(turns, at)
		if !ok || t.Label == "" {
			continue
		}
		if f, wrong := speakerFinding(p.in.Speaker, t); wrong {
			return []Finding{f}
		}
	}
	return nil
}

// speakerFinding says whether turn t is someone other than speaker, and how.
func speakerFinding(speaker string, t transcript.Turn) (Finding, bool) {
	details := map[string]any{
		"turn_label": t.Label, "turn_speaker": t.Speaker, "turn_role": t.Role,
		"turn_span": Span{Start: t.LabelStart, End: t.End}, "question": t.Question,
	}
	switch {
	case t.Question && !transcript.SameSpeaker(speaker, t):
		return finding(CodeWrongSpeaker,
			fmt.Sprintf("The original stands in a question turn of the transcript (“%s”), not in the words of %s.", t.Label, orSpeaker(speaker)),
			details), true
	case t.Speaker != "" && speaker != "" && !transcript.SameSpeaker(speaker, t):
		return finding(CodeWrongSpeaker,
			fmt.Sprintf("The original stands in the turn of %s (“%s”) in the transcript, not of %s.", t.Speaker, t.Label, speaker),
			details), true
	}
	return Finding{}, false
}

func orSpeaker(s string) string {
	if s == "" {
		return "the quote's speaker"
	}
	return s
}
