package pages

import "github.com/cotejo/cotejo/internal/cotejo"

// How a page writes against a version: every form that changes something
// sends the version it was filled from (BasedOn, web/templates/_form.html),
// and a save refused because someone else saved first overwrites nothing,
// keeps what was typed in the form and shows, in a box above the buttons,
// the saved version with the page's own sentence for what was refused
// (web/templates/_conflict.html).

// conflictBox is what the "conflict" template takes: the page's sentence
// and the saved version, as word diffs against what was typed.
type conflictBox struct {
	P       *Page
	Message string
	Diffs   []diffField
}

// ConflictBox is the box of a refused save that compares the saved
// version with what was typed, field by field. message is already
// translated: the template passes it through T, where the catalogs find
// its key.
func (p *Page) ConflictBox(message string, diffs []diffField) conflictBox {
	return conflictBox{P: p, Message: message, Diffs: diffs}
}

// basedOn is what the "based-on" template takes (web/templates/_form.html):
// the hidden fields of a form that writes.
type basedOn struct {
	CSRF    string
	Version int // 0 for a form that makes something new
}

// BasedOn is the CSRF token and the version a form's write is based on,
// so that every form sends both the same way.
func (p *Page) BasedOn(version int) basedOn { return basedOn{CSRF: p.CSRF, Version: version} }

// conflictShower is a page's data that can show a refused save in its
// own conflict box.
type conflictShower interface{ showsConflict() bool }

// refuse puts the words of err, a refused action, in the page's banner,
// unless the page shows the refusal in its conflict box: a save refused
// because someone else saved first is said once, beside the saved version.
func (p *Page) refuse(err error) {
	if err == nil {
		return
	}
	if cs, ok := p.Data.(conflictShower); ok && cs.showsConflict() && cotejo.ErrorCode(err) == cotejo.CodeVersionConflict {
		return
	}
	p.Error = p.ErrorText(err)
}

func (d glossaryData) showsConflict() bool    { return len(d.Conflict) > 0 }
func (d usersData) showsConflict() bool       { return len(d.Conflict) > 0 }
func (d articleFormData) showsConflict() bool { return len(d.Conflict) > 0 }
func (d sourceFormData) showsConflict() bool  { return len(d.Conflict) > 0 }
func (d *quoteData) showsConflict() bool      { return d.Conflict != nil }
func (d *workbenchData) showsConflict() bool  { return d.Editor != nil && d.Editor.Conflict != nil }
