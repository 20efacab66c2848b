package crosslingual

import "context"

// Lexicon maps word forms to their lemmas and to the lemmas of the other
// language. Implementations batch: one call per source (or per query),
// never one per word.
type Lexicon interface {
	// Spanish returns the entry of each Spanish word form (lower case,
	// accents kept): "dijo" → lemma "decir", translations "say", "tell".
	// Forms it does not know are absent from the map.
	Spanish(ctx context.Context, forms []string) (map[string]Entry, error)
	// English returns the entry of each English word form (lower case):
	// "tariffs" → lemma "tariff", translation "arancel". Both directions
	// count, as each dictionary lists senses the other lacks ("logro" gives
	// "attainment", but "achievement" gives "logro"'s kin "consecución").
	English(ctx context.Context, forms []string) (map[string]Entry, error)
	// Name names the dictionary and its version, recorded with a prepared
	// source ("apertium-eng-spa 0.8.1").
	Name() string
}

// Entry is what a lexicon knows of a word form.
type Entry struct {
	Lemmas       []string `json:"l,omitempty"` // in the form's own language
	Translations []string `json:"t,omitempty"` // lemmas in the other language
}

// Term is a glossary entry: a Spanish term and the English the newsroom
// renders it with.
type Term struct {
	Spanish, English string
}

// Translator is machine translation, batched: one call for all the
// sentences of a source. mt.Provider satisfies it.
type Translator interface {
	Translate(ctx context.Context, texts []string, from, to string) ([]string, error)
}

// namer is what a Translator may also have to say which engine it is.
type namer interface{ Name() string }
