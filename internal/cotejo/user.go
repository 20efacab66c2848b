package cotejo

import (
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Role is what a person may do in Cotejo. A person can hold several roles; the
// four-eyes rule holds per quote whatever roles they hold.
type Role string

// The roles.
const (
	RoleTranslator Role = "translator"
	RoleReviewer   Role = "reviewer"
	RoleEditor     Role = "editor"
	RoleAdmin      Role = "admin"
)

// RoleInfo is what the rest of Cotejo knows about a role: its name in the
// UI (an English key the catalogs translate). Whose move a quote waits for
// is said by the table of quote statuses; what a role may do, by the policy.
type RoleInfo struct {
	Role  Role
	Label string
}

// roles is the one table of roles, in the order the UI offers them.
var roles = table[Role, RoleInfo]{
	{RoleTranslator, "Translator"},
	{RoleReviewer, "Reviewer"},
	{RoleEditor, "Editor"},
	{RoleAdmin, "Admin"},
}

// Roles lists every role.
var Roles = roles.keys()

func (i RoleInfo) key() Role { return i.Role }

// RoleTable returns the table of roles.
func RoleTable() []RoleInfo { return roles.clone() }

// Info returns what the table says of r.
func (r Role) Info() RoleInfo { return roles.or(r, RoleInfo{Role: r, Label: string(r)}) }

// names joins the values of a table for a message: "a, b, c".
func names[T ~string](vs []T) string {
	return strings.Join(column(vs, func(v T) string { return string(v) }), ", ")
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return roles.has(r) }

// ParseRoles parses a comma-separated list of roles.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for _, p := range strings.Split(s, ",") {
		r := Role(strings.TrimSpace(strings.ToLower(p)))
		if r == "" {
			continue
		}
		if !r.Valid() {
			return nil, FieldError(CodeInvalid, "roles", "%q is not a role (%s).", r, names(Roles))
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// User is a person who works in Cotejo.
type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Roles []Role `json:"roles"`
	Lang  string `json:"lang"` // preferred UI language; "" follows the browser
	// TimeZone is the IANA zone the person reads times in
	// ("America/Mexico_City"); "" until their browser has said (UTC till then).
	TimeZone     string    `json:"time_zone"`
	PasswordHash string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Has reports whether the user holds role r.
func (u *User) Has(r Role) bool { return u != nil && slices.Contains(u.Roles, r) }

// HasAny reports whether the user holds any of the roles.
func (u *User) HasAny(roles ...Role) bool {
	for _, r := range roles {
		if u.Has(r) {
			return true
		}
	}
	return false
}

// Validate reports the first rule the user breaks.
func (u *User) Validate() error {
	if err := firstErr(CheckText("email", u.Email), CheckText("name", u.Name)); err != nil {
		return err
	}
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != strings.TrimSpace(u.Email) {
		return FieldError(CodeInvalid, "email", "%q is not an email address.", u.Email)
	}
	if err := firstErr(required("name", u.Name), checkLen("name", u.Name, MaxShortFieldLen)); err != nil {
		return err
	}
	if len(u.Roles) == 0 {
		return FieldError(CodeInvalid, "roles", "A user needs at least one role.")
	}
	for _, r := range u.Roles {
		if !r.Valid() {
			return FieldError(CodeInvalid, "roles", "%q is not a role.", r)
		}
	}
	if u.Lang != "" {
		if _, err := ParseLang("lang", u.Lang); err != nil {
			return err
		}
	}
	if u.TimeZone != "" {
		if _, err := ParseTimeZone("time_zone", u.TimeZone); err != nil {
			return err
		}
	}
	return nil
}

// ParseTimeZone reads an IANA time zone name ("Europe/Madrid", "UTC").
// "Local" is refused: it means the server's zone, which is nobody's.
func ParseTimeZone(field, name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, FieldError(CodeInvalid, field, "%q is not a time zone (such as America/Mexico_City or UTC).", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, FieldError(CodeInvalid, field, "%q is not a time zone (such as America/Mexico_City or UTC).", name)
	}
	return loc, nil
}

// Normalize puts the user in canonical form; emails compare case-insensitively.
func (u *User) Normalize() {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(Canonical(u.Name))
	if u.Lang != "" {
		if l, err := ParseLang("lang", u.Lang); err == nil {
			u.Lang = l
		}
	}
}

// APIToken is a credential for programs. Only a hash of the secret is stored;
// the secret is shown once, when the token is made.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Hint       string     `json:"hint"` // the secret's first characters, to tell tokens apart
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// Session is a logged-in browser. The cookie holds a secret; the database a hash of it.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}
