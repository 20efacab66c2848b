// Package store keeps Cotejo's state in a relational database through GORM:
// an SQLite file by default, PostgreSQL when a newsroom outgrows one machine.
// It is the only package that imports gorm.
//
// It holds the versioned migrations (embedded SQL, applied in order, each in
// one transaction, recorded in schema_migrations), the row structs and their
// mapping to the domain values of package cotejo, and the implementation of
// the store interface that package workflow defines.
//
// Writes are optimistic: every mutable row has a version, and an update is
// made only where the row still has the version the change was based on.
package store
