package store

import "context"

// CountChunks counts the stored chunks of every recording, for tests that
// check an upload left nothing behind.
func (s *Store) CountChunks(ctx context.Context) (int, error) {
	var n int
	err := s.w.WithContext(ctx).Raw("SELECT COUNT(*) FROM recording_chunks").Scan(&n).Error
	return n, err
}
