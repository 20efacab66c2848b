package pages

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The users page: admins add people, set their roles and UI language, and
// disable accounts. Passwords are set when an account is made; Cotejo never
// shows one.

// userForm is an account as its form holds it.
type userForm struct {
	ID       int64
	Version  int
	Email    string
	Name     string
	Roles    []cotejo.Role
	Lang     string
	Disabled bool
}

// Has reports whether the form has role r ticked.
func (f userForm) Has(r cotejo.Role) bool { return slices.Contains(f.Roles, r) }

type usersData struct {
	Users    []*cotejo.User
	Roles    []cotejo.Role
	New      userForm
	Edit     *userForm   // the account whose change was refused, as typed
	Conflict []diffField // the saved account against what was typed
}

// Form returns the form of an account: as typed when its change was refused.
func (d usersData) Form(u *cotejo.User) userForm {
	if d.Edit != nil && d.Edit.ID == u.ID {
		return *d.Edit
	}
	return userFormOf(u)
}

func userFormOf(u *cotejo.User) userForm {
	return userForm{ID: u.ID, Version: u.Version, Email: u.Email, Name: u.Name, Roles: u.Roles, Lang: u.Lang, Disabled: u.Disabled}
}

func readUserForm(c *gin.Context) userForm {
	f := userForm{Version: formVersion(c), Email: strings.TrimSpace(c.PostForm("email")), Name: strings.TrimSpace(c.PostForm("name")),
		Lang: strings.TrimSpace(c.PostForm("lang")), Disabled: c.PostForm("disabled") == "1", Roles: []cotejo.Role{}}
	for _, r := range c.PostFormArray("roles") {
		f.Roles = append(f.Roles, cotejo.Role(r))
	}
	return f
}

// Users lists the accounts, for admins.
func (pg *Pages) Users(c *gin.Context) error {
	return pg.renderUsers(c, http.StatusOK, usersData{}, nil)
}

func (pg *Pages) renderUsers(c *gin.Context, status int, d usersData, err error) error {
	users, lerr := pg.svc.Users(c.Request.Context(), httpx.User(c))
	if lerr != nil {
		return lerr
	}
	d.Users, d.Roles = users, cotejo.Roles
	if d.New.Roles == nil {
		d.New.Roles = []cotejo.Role{cotejo.RoleTranslator} // the role most people get; a refused form keeps its own
	}
	pg.renderForm(c, status, "users", "Users", d, err)
	return nil
}

// CreateUser adds an account with a first password.
func (pg *Pages) CreateUser(c *gin.Context) error {
	f := readUserForm(c)
	u := &cotejo.User{Email: f.Email, Name: f.Name, Roles: f.Roles, Lang: f.Lang}
	if err := pg.svc.CreateUser(c.Request.Context(), httpx.User(c), u, c.PostForm("password")); err != nil {
		return pg.renderUsers(c, httpx.Status(err), usersData{New: f}, err)
	}
	return pg.redirect(c, pathTo("/users#user-", u.ID), "created")
}

// UpdateUser saves an account's name, roles, language and whether it is
// disabled. On a conflict it shows the saved account against what was typed,
// which stays in the form.
func (pg *Pages) UpdateUser(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readUserForm(c)
		f.ID = id
		upd := workflow.UserUpdate{Name: &f.Name, Roles: &f.Roles, Lang: &f.Lang, Disabled: &f.Disabled}
		write := func(base int) error {
			_, err := pg.svc.UpdateUser(c.Request.Context(), httpx.User(c), id, base, upd)
			return err
		}
		return pg.save(c, write, pathTo("/users#user-", id), "saved", func(_ int, err error) error {
			d := usersData{Edit: &f}
			if cur, ok := cotejo.Current[*cotejo.User](err); ok {
				d.Conflict = userConflict(f, userFormOf(cur))
				f.Email, f.Version = cur.Email, cur.Version
			}
			return pg.renderUsers(c, httpx.Status(err), d, err)
		})
	})(c)
}

// userConflict diffs what was typed against the saved account, field by field.
func userConflict(mine, theirs userForm) []diffField {
	roles := func(rs []cotejo.Role) string {
		s := make([]string, len(rs))
		for i, r := range rs {
			s[i] = string(r)
		}
		return strings.Join(s, " ")
	}
	disabled := func(b bool) string { return map[bool]string{true: "disabled", false: "enabled"}[b] }
	return diffFields(
		fieldPair{"Name", mine.Name, theirs.Name}, fieldPair{"Roles", roles(mine.Roles), roles(theirs.Roles)},
		fieldPair{"Language", mine.Lang, theirs.Lang}, fieldPair{"Account", disabled(mine.Disabled), disabled(theirs.Disabled)})
}

// userFields is what the "user-roles" and "user-lang" templates need: the
// page, for its words and choices, and the form.
type userFields struct {
	P *Page
	F userForm
}

// With pairs the page and a form for the account templates.
func (d usersData) With(p *Page, f userForm) userFields { return userFields{P: p, F: f} }
