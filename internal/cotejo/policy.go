package cotejo

import "slices"

// Action is something a person may do in Cotejo, as the permission policy
// names it. The workflow asks Can before it acts, and the pages ask the same
// question to show or hide what a person may not do, so the two never
// disagree.
type Action string

// The actions of the policy. Reading needs only a login; the moves of
// quotes and articles have their own rules (Settings.MayMove, MayMoveArticle).
const (
	CreateArticles   Action = "create_articles"
	EditArticles     Action = "edit_articles"
	DeleteArticles   Action = "delete_articles"
	AddSources       Action = "add_sources"
	EditSources      Action = "edit_sources"
	AttachSources    Action = "attach_sources"
	UploadRecordings Action = "upload_recordings"
	WriteQuotes      Action = "write_quotes"
	DeleteQuotes     Action = "delete_quotes" // target: the quote; an approved one needs an editor
	MarkPassages     Action = "mark_passages"
	ImportRenderings Action = "import_translations"
	WriteComments    Action = "comment"
	HaveQueue        Action = "have_queue"
	BeMentioned      Action = "be_mentioned"
	ManageGlossary   Action = "manage_glossary"
	ImportMemory     Action = "import_memory"
	ManageUsers      Action = "manage_users"
	ChangeSettings   Action = "change_settings"
)

// rule is who may take an action, and how a refusal names it ("Your roles
// do not allow you to <what>.").
type rule struct {
	roles []Role
	what  string
	// target refines the rule by what the action is about; nil when the
	// roles say it all.
	target func(u *User, t any) error
}

var (
	writers = []Role{RoleTranslator, RoleEditor, RoleAdmin}
	keepers = []Role{RoleEditor, RoleAdmin}
	admins  = []Role{RoleAdmin}
)

// policy is the one table of who may do what.
var policy = map[Action]rule{
	CreateArticles: {roles: writers, what: "create articles"}, EditArticles: {roles: writers, what: "edit articles"},
	DeleteArticles: {roles: keepers, what: "delete articles"},
	AddSources:     {roles: Roles, what: "add sources"}, EditSources: {roles: Roles, what: "edit sources"},
	AttachSources: {roles: Roles, what: "attach sources"}, UploadRecordings: {roles: Roles, what: "upload recordings"},
	WriteQuotes: {roles: writers, what: "write quotes"}, MarkPassages: {roles: writers, what: "mark passages"},
	DeleteQuotes:     {roles: writers, what: "delete quotes", target: deleteQuote},
	ImportRenderings: {roles: writers, what: "import translations"},
	WriteComments:    {roles: Roles, what: "comment"}, HaveQueue: {roles: Roles, what: "have a queue"}, BeMentioned: {roles: Roles, what: "be mentioned"},
	ManageGlossary: {roles: keepers, what: "manage the glossary"}, ImportMemory: {roles: keepers, what: "import into the memory"},
	ManageUsers: {roles: admins, what: "manage users"}, ChangeSettings: {roles: admins, what: "change the newsroom's settings"},
}

// Actions lists every action of the policy.
func Actions() []Action {
	out := make([]Action, 0, len(policy))
	for a := range policy {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// NeedsRole is the detail of a CodeForbidden error refused by roles: the
// roles, any one of which would allow it.
type NeedsRole struct {
	NeedsOneOf []Role `json:"needs_one_of"`
}

// Can says whether u may take action a, and why not: CodeUnauthorized
// without a user, CodeForbidden (with NeedsRole) when none of their roles
// allows it. target is what the action is about where the rule depends on
// it (the *Quote of DeleteQuotes), nil elsewhere. An action the policy does
// not know is refused.
func Can(u *User, a Action, target any) error {
	if u == nil {
		return Errorf(CodeUnauthorized, "Log in first.")
	}
	r, ok := policy[a]
	if !ok {
		return Errorf(CodeForbidden, "Cotejo knows no action %q.", a)
	}
	if !u.HasAny(r.roles...) {
		return &Error{Code: CodeForbidden, Message: "Your roles do not allow you to " + r.what + ".",
			Details: NeedsRole{NeedsOneOf: r.roles}}
	}
	if r.target != nil && target != nil {
		return r.target(u, target)
	}
	return nil
}

// May reports whether u may take action a (on target), for pages that show
// or hide a control.
func May(u *User, a Action, target any) bool { return Can(u, a, target) == nil }

func deleteQuote(u *User, t any) error {
	if q, ok := t.(*Quote); ok && q.Status == QuoteApproved && !u.Has(RoleEditor) {
		return &Error{Code: CodeForbidden, Message: "An approved quote can only be deleted by an editor.",
			Details: NeedsRole{NeedsOneOf: editors}}
	}
	return nil
}
