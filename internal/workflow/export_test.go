package workflow

// ChecksComputed counts the quotes s checked afresh, for tests that show
// stored findings are reused.
func ChecksComputed(s *Service) int64 { return s.checked.Load() }

// MemorySearches counts the memory searches s made for quotes'
// suggestions, for tests that show they are reused.
func MemorySearches(s *Service) int64 { return s.searched.Load() }
