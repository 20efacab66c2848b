// Package workflow holds Cotejo's use cases: accounts and sessions, creating
// and editing articles, sources and quotes, and (as they come) the quote's
// transitions and the article's approval. Pages and the API call the same
// functions, so a rule holds for both.
//
// Each use case runs in one transaction and writes its audit Event in that
// same transaction. The package depends on the domain (package cotejo) and on
// the Store interface below, which package store implements.
package workflow
