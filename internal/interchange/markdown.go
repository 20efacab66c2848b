package interchange

import (
	"cmp"
	"io"
	"net/url"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// writeMarkdown writes the article as Markdown (GitHub flavour, for its
// footnotes): each rendering placed in the text is followed by a footnote
// [^q12] that gives the original with its language, the speaker and the
// source. Quotes that could not be placed are listed after the text, with
// the same footnotes. Every text from the article is escaped, so that a
// "*" or a "[" in a headline stays a character.
func writeMarkdown(w io.Writer, b Bundle) error {
	var sb strings.Builder
	a := b.Article
	paras, inline := layout(b)

	title := mdLine(a.Headline)
	if b.Draft {
		title += " (DRAFT)"
	} else if b.NotApproved() {
		title += " (NOT APPROVED)"
	}
	sb.WriteString("# " + title + "\n\n")
	if b.Draft {
		sb.WriteString("> **" + draftNote + "**\n\n")
	} else if b.NotApproved() {
		sb.WriteString("> **" + mdLine(notApprovedNote(b)) + "**\n\n")
	}
	if a.Dek != "" {
		sb.WriteString("*" + mdLine(a.Dek) + "*\n\n")
	}
	var meta []string
	for _, s := range []string{a.Byline, a.Dateline, a.Outlet} {
		if s != "" {
			meta = append(meta, mdLine(s))
		}
	}
	meta = append(meta, "bilingual export of "+b.GeneratedAt.Format("2006-01-02 15:04 UTC"))
	if u := articleURL(b); u != "" {
		meta = append(meta, mdLink("open in Cotejo", u))
	}
	sb.WriteString(strings.Join(meta, " · ") + "\n\n")

	for _, p := range paras {
		for i, s := range p {
			sb.WriteString(mdEscapeIn(s.Text, i == 0, i == len(p)-1))
			if s.Quote != nil {
				sb.WriteString("[^" + quoteKey(s.Quote) + "]")
			}
		}
		sb.WriteString("\n\n")
	}

	var rest []*cotejo.Quote
	for _, q := range b.Quotes {
		if !inline[q.ID] {
			rest = append(rest, q)
		}
	}
	if len(rest) > 0 {
		sb.WriteString("## Quotes not placed in the text\n\n")
		for _, q := range rest {
			r := mdLine(q.Rendering.Text)
			if r == "" {
				r = "(no rendering yet)"
			}
			sb.WriteString("- " + r + "[^" + quoteKey(q) + "]\n")
		}
		sb.WriteString("\n")
	}

	for _, q := range b.Quotes {
		sb.WriteString("[^" + quoteKey(q) + "]: ")
		if isDraft(b, q) {
			sb.WriteString("**Draft — " + statusLabel(q.Status) + ", not approved.** ")
		}
		orig := mdLine(q.Original.Text)
		if !strings.HasPrefix(orig, "«") && !strings.HasPrefix(orig, "“") && !strings.HasPrefix(orig, "\"") {
			orig = "«" + orig + "»"
		}
		sb.WriteString("Original (" + mdLine(cmp.Or(q.Original.Lang, "und")) + "): " + orig)
		if q.Speaker != "" {
			sb.WriteString(" — " + mdLine(q.Speaker))
		}
		sb.WriteString(".")
		if s := sourceOf(b, q); s != nil {
			sb.WriteString(" Source: ")
			if s.URL != "" {
				sb.WriteString(mdLink(s.Title, s.URL))
			} else {
				sb.WriteString(mdLine(s.Title))
			}
			if q.Media != nil {
				moment := "recording " + timeCode(q.Media) + " (" + mediaFragment(q.Media) + ")"
				if u := momentURL(b, q); u != "" {
					moment = mdLink(moment, u)
				}
				sb.WriteString(", " + moment)
			}
			sb.WriteString(".")
		} else if q.Media != nil {
			sb.WriteString(" Recording " + mediaFragment(q.Media) + ".")
		}
		if v := byWhen(person(b, q.VerifierID), q.VerifiedAt); v != "" {
			sb.WriteString(" Verified by " + mdLine(v) + ".")
		}
		sb.WriteString("\n")
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// mdEscape escapes text for Markdown. Characters that start inline
// constructs anywhere (emphasis, links, code, HTML, entities, tables,
// strikethrough) are always escaped; characters that only matter at the
// start of a line (headings, lists, quotes, rules) are escaped there. Lines
// lose leading spaces (which would make code blocks) and trailing ones (hard
// breaks); single newlines within a paragraph are kept as soft breaks.
func mdEscape(s string) string { return mdEscapeIn(s, true, true) }

// mdEscapeIn escapes a piece of a paragraph: lineStart says whether it
// starts a line, paraEnd whether it ends the paragraph, for the rules that
// hold only there.
func mdEscapeIn(s string, lineStart, paraEnd bool) string {
	var sb strings.Builder
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for li, line := range lines {
		if li > 0 {
			sb.WriteByte('\n')
		}
		atStart := li > 0 || lineStart
		if atStart {
			line = strings.TrimLeft(line, " \t")
		}
		if li < len(lines)-1 || paraEnd {
			line = strings.TrimRight(line, " \t")
		}
		for i, r := range line {
			switch r {
			case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '!', '^':
				sb.WriteByte('\\')
			case '#', '+', '-', '=', ':':
				if atStart && i == 0 {
					sb.WriteByte('\\')
				}
			case '.', ')':
				// "1. " and "1)" followed by a space or nothing start ordered lists.
				if atStart && i > 0 && isDigits(line[:i]) && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
					sb.WriteByte('\\')
				}
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// mdLine escapes text for a one-line place (a list item, a footnote), where
// a line break would end it: runs of white space become one space.
func mdLine(s string) string { return mdEscape(strings.Join(strings.Fields(s), " ")) }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// mdLink writes a link whose destination is in angle brackets (so that
// parentheses and spaces in it are harmless), after percent-encoding what
// may not stand there. Only http and https links are made; anything else is
// shown as text.
func mdLink(text, href string) string {
	u, err := url.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return mdLine(text)
	}
	r := strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20", "\n", "", "\r", "")
	return "[" + mdLine(text) + "](<" + r.Replace(href) + ">)"
}
