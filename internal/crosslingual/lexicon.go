package crosslingual

import "context"

// Lexicon maps words to English lemmas. Implementations batch: one call per
// source (or per query), never one per word.
type Lexicon interface {
	// Spanish returns, for each Spanish word form (lower case, accents
	// kept), the English lemmas it may translate to. Forms it does not know
	// are absent from the map.
	Spanish(ctx context.Context, forms []string) (map[string][]string, error)
	// English returns the lemmas of each English word form (lower case):
	// "said" → "say", "tariffs" → "tariff".
	English(ctx context.Context, forms []string) (map[string][]string, error)
	// Name names the dictionary and its version, recorded with a prepared
	// source ("apertium-eng-spa 0.8.1").
	Name() string
}

// Translator is machine translation, batched: one call for all the
// sentences of a source. mt.Provider satisfies it.
type Translator interface {
	Translate(ctx context.Context, texts []string, from, to string) ([]string, error)
}

// namer is what a Translator may also have to say which engine it is.
type namer interface{ Name() string }
