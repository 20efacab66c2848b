package cotejo

import "slices"

// FourEyesApproval is the newsroom's rule for who may approve a verified
// quote (PRODUCT.md: "an editor who is neither its translator nor its
// verifier … a newsroom setting can relax this for small desks").
type FourEyesApproval string

// The approval rules.
const (
	// ApprovalStrict: the approver is neither the quote's translator (nor its
	// last editor) nor its verifier: three people see every quote.
	ApprovalStrict FourEyesApproval = "strict"
	// ApprovalRelaxed: the verifier may also approve, for desks too small for
	// three people; the translator still may not, so two people always do.
	ApprovalRelaxed FourEyesApproval = "relaxed"
)

// FourEyesApprovals lists the approval rules.
var FourEyesApprovals = []FourEyesApproval{ApprovalStrict, ApprovalRelaxed}

// Valid reports whether a is one of the approval rules.
func (a FourEyesApproval) Valid() bool { return slices.Contains(FourEyesApprovals, a) }

// Settings are the newsroom's instance-wide choices, which admins change.
// The zero value is the default: the strict rule.
type Settings struct {
	FourEyesApproval FourEyesApproval `json:"four_eyes_approval"`
	Version          int              `json:"version"`
}

// SettingsUpdate is a partial change of the settings: nil fields stay.
type SettingsUpdate struct {
	FourEyesApproval *FourEyesApproval `json:"four_eyes_approval"`
}

// Apply copies the set fields of u onto s.
func (u SettingsUpdate) Apply(s *Settings) { set(&s.FourEyesApproval, u.FourEyesApproval) }

// Validate reports the first rule the settings break.
func (s *Settings) Validate() error {
	if !s.FourEyesApproval.Valid() {
		return FieldError(CodeInvalid, "four_eyes_approval", "four_eyes_approval must be strict or relaxed, not %q.", s.FourEyesApproval)
	}
	return nil
}

// Normalize fills in the defaults.
func (s *Settings) Normalize() {
	if s.FourEyesApproval == "" {
		s.FourEyesApproval = ApprovalStrict
	}
}
