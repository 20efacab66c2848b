package crosslingual

// Tune lets the evaluation's sweep vary the ranking's weights.
var Tune = &tune

func (t *tuning) SetGap(v float64)       { t.gapPenalty = v }
func (t *tuning) SetFloor(v float64)     { t.matchFloor = v }
func (t *tuning) SetPrecision(v float64) { t.precisionPart = v }
func (t *tuning) SetNarration(v float64) { t.narrationPart = v }
func (t *tuning) SetReach(v int)         { t.reach = v }
func (t *tuning) SetUnmatched(v float64) { t.unmatchedPart = v }
