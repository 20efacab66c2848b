package pages

// How a page shows a save refused because someone else saved first:
// nothing was overwritten, what was typed stays in the form, and a box
// above the buttons shows the saved version, with the page's own sentence
// for what was refused (web/templates/_conflict.html).

// conflictBox is what the "conflict" and "conflict-saved" templates take:
// the page's sentence and the saved version, as word diffs against what
// was typed (Diffs) or as its whole text (Saved).
type conflictBox struct {
	P       *Page
	Message string
	Diffs   []diffField
	Saved   string
}

// ConflictBox is the box of a refused save that compares the saved
// version with what was typed, field by field. message is already
// translated: the template passes it through T, where the catalogs find
// its key.
func (p *Page) ConflictBox(message string, diffs []diffField) conflictBox {
	return conflictBox{P: p, Message: message, Diffs: diffs}
}

// SavedBox is the box of a refused save that shows the saved text whole,
// for a long text that a word diff would not make clearer.
func (p *Page) SavedBox(message, saved string) conflictBox {
	return conflictBox{P: p, Message: message, Saved: saved}
}
