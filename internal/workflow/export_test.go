package workflow

// ChecksComputed counts the quotes s checked afresh, for tests that show
// stored findings are reused.
func ChecksComputed(s *Service) int64 { return s.checked.Load() }
