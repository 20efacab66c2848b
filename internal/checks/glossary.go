package checks

import (
	"fmt"
	"strings"
)

// This file holds the checks against the newsroom's shared knowledge: the
// glossary and the other quotes.

// checkGlossary applies the glossary terms of the original's language. A term
// applies when its source occurs in the original (case- and accent-
// insensitive, on word boundaries, a plural s/es allowed). Its forbidden
// renderings are errors only then too: "morning show" may be forbidden for
// "mañanera" and still be right for "programa matutino". A term with an
// empty source is a plain ban that applies to every rendering.
func checkGlossary(p *prepared) []Finding {
	if blank(p.rend) || len(p.in.Glossary) == 0 {
		return nil
	}
	// The original and the rendering are indexed once for all the terms.
	origText, rendText := newFinder(fold(p.orig, true).r), newFinder(fold(p.rend, true).r)
	var out []Finding
	for _, t := range p.in.Glossary {
		if l := baseLang(t.SourceLang); l != "" && p.origLang != "" && l != p.origLang {
			continue
		}
		src := trimPunct(key(t.Source))
		if src != "" && !origText.containsTerm(src) {
			continue
		}
		for _, f := range t.Forbidden {
			if fk := trimPunct(key(f)); fk != "" && rendText.containsTerm(fk) {
				msg := fmt.Sprintf("The rendering uses “%s”, which the glossary forbids", f)
				if src != "" {
					msg += fmt.Sprintf(" for “%s”", t.Source)
				}
				if len(t.Targets) > 0 {
					msg += "; use " + quoteList(t.Targets, " or ")
				}
				out = append(out, finding(CodeGlossaryForbidden, msg+".", termDetails(t, map[string]any{"forbidden": f})))
			}
		}
		if src == "" || len(t.Targets) == 0 {
			continue
		}
		found := false
		for _, tg := range t.Targets {
			if tk := trimPunct(key(tg)); tk != "" && rendText.containsTerm(tk) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, finding(CodeGlossaryMissingTarget,
				fmt.Sprintf("The original has the glossary term “%s” but the rendering has none of its approved renderings (%s).", t.Source, quoteList(t.Targets, ", ")),
				termDetails(t, nil)))
		}
	}
	return out
}

func termDetails(t Term, extra map[string]any) map[string]any {
	d := map[string]any{"term_id": t.ID, "source": t.Source, "targets": nonNil(t.Targets)}
	if t.Note != "" {
		d["note"] = t.Note
	}
	for k, v := range extra {
		d[k] = v
	}
	return d
}

func quoteList(ss []string, sep string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "“" + s + "”"
	}
	return strings.Join(q, sep)
}

// OtherRendering is another quote that renders the same original differently.
type OtherRendering struct {
	QuoteID   int64  `json:"quote_id"`
	Rendering string `json:"rendering"`
}

// wordKey is a text reduced to its folded words, so that punctuation and
// spacing do not make two renderings of the same original look different.
func wordKey(s string) string { return tokensKey(tokenize(nfcRunes(s))) }

// tokensKey is wordKey for a text already tokenized.
func tokensKey(toks []token) string {
	var keys []string
	for _, t := range toks {
		if t.kind != tkPunct {
			keys = append(keys, t.key)
		}
	}
	return strings.Join(keys, " ")
}

// checkConsistency compares the rendering with other quotes of the same
// original. Both sides are compared as folded words (case, accents,
// quotation marks and punctuation ignored), so only a change of words counts.
func checkConsistency(p *prepared) []Finding {
	if blank(p.orig) || blank(p.rend) || len(p.in.Others) == 0 {
		return nil
	}
	origKey, rendKey := tokensKey(p.origToks), tokensKey(p.rendToks)
	var others []OtherRendering
	for _, o := range p.in.Others {
		if strings.TrimSpace(o.Rendering) == "" || wordKey(o.Original) != origKey {
			continue
		}
		if wordKey(o.Rendering) != rendKey {
			others = append(others, OtherRendering{o.QuoteID, o.Rendering})
		}
	}
	if len(others) == 0 {
		return nil
	}
	msg := fmt.Sprintf("Quote %d renders the same original as “%s”.", others[0].QuoteID, others[0].Rendering)
	if len(others) > 1 {
		msg = fmt.Sprintf("%d other quotes render the same original differently, e.g. quote %d as “%s”.", len(others), others[0].QuoteID, others[0].Rendering)
	}
	return []Finding{finding(CodeInconsistentRendering, msg, map[string]any{"others": others})}
}
