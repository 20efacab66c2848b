package workflow

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Account limits. Failed logins slow down the pair of account and address
// they come from (OWASP ASVS 2.2.1): after FreeLoginFailures, each further
// attempt from there waits a delay that doubles with every failure, from
// FirstLoginDelay up to MaxLoginDelay. The account itself is never locked,
// so nobody can lock a colleague out by typing wrong passwords for them:
// the owner's own address keeps its own count. Failures are remembered for
// LoginMemory, long enough that an address held at MaxLoginDelay stays
// held: twelve failures reach the cap, and at its pace twenty-four fit in
// the memory.
// An address that fails MaxFailsPerAddress times within LoginWindow, for
// any accounts, waits out the window.
const (
	SessionLifetime    = 7 * 24 * time.Hour
	LoginWindow        = 15 * time.Minute
	LoginMemory        = 2 * time.Hour
	FreeLoginFailures  = 3
	FirstLoginDelay    = time.Second
	MaxLoginDelay      = 5 * time.Minute
	MaxFailsPerAddress = 20
	MinPasswordLen     = 10
	MaxPasswordLen     = 72 // bcrypt reads no further
)

// LoginDelay is how long an account and address wait after their n-th
// failure before the next attempt.
func LoginDelay(n int) time.Duration {
	if n < FreeLoginFailures {
		return 0
	}
	d := FirstLoginDelay
	for i := FreeLoginFailures; i < n && d < MaxLoginDelay; i++ {
		d *= 2
	}
	return min(d, MaxLoginDelay)
}

// standIn returns the hash a login compares against when the email has no
// account, so that a wrong password takes as long whether or not the email
// is known. It has the cost of real hashes: a cheaper one answers in a
// fraction of the time and tells which emails exist. It is made once, at
// the first login that needs it.
func (s *Service) standIn() []byte {
	s.standInOnce.Do(func() {
		h, err := bcrypt.GenerateFromPassword([]byte(randomSecret()), s.BcryptCost)
		if err != nil {
			// Only an out-of-range cost fails, and CreateUser would fail alike.
			panic("workflow: stand-in hash: " + err.Error())
		}
		s.standInHash = h
	})
	return s.standInHash
}

// CheckPassword refuses passwords that are too short or too long.
func CheckPassword(pw string) error {
	if len([]rune(pw)) < MinPasswordLen {
		return cotejo.FieldError(cotejo.CodeInvalid, "password", "A password needs at least %d characters.", MinPasswordLen)
	}
	if len(pw) > MaxPasswordLen {
		return cotejo.FieldError(cotejo.CodeInvalid, "password", "A password may have at most %d bytes.", MaxPasswordLen)
	}
	return cotejo.CheckText("password", pw)
}

// CreateUser adds a user with a password. actor is nil when the command line
// does it (whoever runs `cotejo user add` owns the database); otherwise an admin.
func (s *Service) CreateUser(ctx context.Context, actor *cotejo.User, u *cotejo.User, password string) error {
	if actor != nil {
		if err := cotejo.Can(actor, cotejo.ManageUsers, nil); err != nil {
			return err
		}
	}
	if err := u.Validate(); err != nil {
		return err
	}
	u.Normalize()
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.BcryptCost)
	if err != nil {
		return err
	}
	u.PasswordHash = string(hash)
	u.CreatedAt, u.UpdatedAt = s.Now(), s.Now()
	return s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityUser, u.ID, nil, cotejo.ActionCreate, nil, u, cotejo.Reason{})
	})
}

// SetPassword replaces a user's password (the command line and the demo loader use it).
func (s *Service) SetPassword(ctx context.Context, actor *cotejo.User, userID int64, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.BcryptCost)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Tx) error {
		u, err := tx.User(ctx, userID)
		if err != nil {
			return err
		}
		u.PasswordHash, u.UpdatedAt = string(hash), s.Now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityUser, u.ID, nil, cotejo.ActionUpdate, nil, Record{Password: "changed"}, cotejo.Reason{})
	})
}

// SetLanguage sets the user's preferred UI language ("" follows the browser).
func (s *Service) SetLanguage(ctx context.Context, u *cotejo.User, lang string) error {
	if lang != "" {
		l, err := cotejo.ParseLang("lang", lang)
		if err != nil {
			return err
		}
		lang = l
	}
	return s.store.InTx(ctx, func(tx Tx) error {
		cur, err := tx.User(ctx, u.ID)
		if err != nil {
			return err
		}
		before := cur.Lang
		cur.Lang, cur.UpdatedAt = lang, s.Now()
		if err := tx.UpdateUser(ctx, cur); err != nil {
			return err
		}
		*u = *cur
		return s.record(ctx, tx, u, cotejo.EntityUser, u.ID, nil, cotejo.ActionUpdate,
			Record{Lang: &before}, Record{Lang: &lang}, cotejo.Reason{})
	})
}

// SetTimeZone sets the time zone the user reads times in: an IANA name,
// as the browser's Intl API gives it.
func (s *Service) SetTimeZone(ctx context.Context, u *cotejo.User, zone string) error {
	if _, err := cotejo.ParseTimeZone("time_zone", zone); err != nil {
		return err
	}
	zone = strings.TrimSpace(zone)
	return s.store.InTx(ctx, func(tx Tx) error {
		cur, err := tx.User(ctx, u.ID)
		if err != nil {
			return err
		}
		before := cur.TimeZone
		if before == zone {
			*u = *cur
			return nil
		}
		cur.TimeZone, cur.UpdatedAt = zone, s.Now()
		if err := tx.UpdateUser(ctx, cur); err != nil {
			return err
		}
		*u = *cur
		return s.record(ctx, tx, u, cotejo.EntityUser, u.ID, nil, cotejo.ActionUpdate,
			Record{TimeZone: &before}, Record{TimeZone: &zone}, cotejo.Reason{})
	})
}

// Login checks an email and password. Failures are counted per account
// and address, and per address, in the database, so every instance enforces
// the same limits (see LoginDelay); a refusal says how long to wait, in a
// cotejo.RetryAfter, and is answered before any password is compared.
func (s *Service) Login(ctx context.Context, email, password, address string) (*cotejo.User, error) {
	account := strings.ToLower(strings.TrimSpace(email))
	now := s.Now()
	pair, last, byAddress, err := s.store.LoginFailures(ctx, account, address, now.Add(-LoginMemory), now.Add(-LoginWindow))
	if err != nil {
		return nil, err
	}
	if byAddress >= MaxFailsPerAddress {
		return nil, &cotejo.Error{Code: cotejo.CodeRateLimited, Details: cotejo.RetryAfter{Seconds: int(LoginWindow.Seconds())},
			Message: fmt.Sprintf("Too many failed logins from this address. Try again in %d minutes.", int(LoginWindow.Minutes()))}
	}
	if wait := last.Add(LoginDelay(pair)).Sub(now); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		when := fmt.Sprintf("%d seconds", secs)
		if secs == 1 {
			when = "a second"
		}
		return nil, &cotejo.Error{Code: cotejo.CodeRateLimited, Details: cotejo.RetryAfter{Seconds: secs},
			Message: "Too many failed logins for this account from this address. Try again in " + when + "."}
	}
	u, err := s.store.UserByEmail(ctx, account)
	if err != nil && cotejo.ErrorCode(err) != cotejo.CodeNotFound {
		return nil, err
	}
	var hash []byte
	if u != nil {
		hash = []byte(u.PasswordHash)
	} else {
		hash = s.standIn()
	}
	ok := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil && u != nil && !u.Disabled
	err = s.store.InTx(ctx, func(tx Tx) error {
		if !ok {
			return tx.AddLoginFailure(ctx, account, address, now)
		}
		return tx.ClearLoginFailures(ctx, account, address)
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, cotejo.Errorf(cotejo.CodeUnauthorized, "The email or the password is wrong.")
	}
	return u, nil
}

// NewSession starts a session for a user and returns its secret, for the
// cookie. Only a hash of the secret is stored, so a copy of the database does
// not hand out live sessions.
func (s *Service) NewSession(ctx context.Context, userID int64) (string, error) {
	secret := randomSecret()
	now := s.Now()
	err := s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.DeleteExpired(ctx, now, now.Add(-LoginMemory)); err != nil {
			return err
		}
		return tx.CreateSession(ctx, hashSecret(secret), cotejo.Session{UserID: userID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)})
	})
	return secret, err
}

// SessionUser returns the user of a session secret.
func (s *Service) SessionUser(ctx context.Context, secret string) (*cotejo.User, error) {
	if secret == "" {
		return nil, cotejo.Errorf(cotejo.CodeUnauthorized, "Log in first.")
	}
	u, err := s.store.SessionUser(ctx, hashSecret(secret), s.Now())
	return signedIn(u, err, "Your session has ended; log in again.")
}

// signedIn is u, the account a session or a token belongs to as the store
// read it (with err): a credential the store does not know is
// CodeUnauthorized, saying unknown, and so is a disabled account.
func signedIn(u *cotejo.User, err error, unknown string) (*cotejo.User, error) {
	if cotejo.ErrorCode(err) == cotejo.CodeNotFound {
		return nil, &cotejo.Error{Code: cotejo.CodeUnauthorized, Message: unknown}
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, cotejo.Errorf(cotejo.CodeUnauthorized, "This account is disabled.")
	}
	return u, nil
}

// EndSession logs a session out.
func (s *Service) EndSession(ctx context.Context, secret string) error {
	return s.store.InTx(ctx, func(tx Tx) error { return tx.DeleteSession(ctx, hashSecret(secret)) })
}

// TokenPrefix starts every API token, so that a leaked one is recognisable.
const TokenPrefix = "cotejo_"

// CreateToken makes an API token for u and returns its secret, shown once.
func (s *Service) CreateToken(ctx context.Context, u *cotejo.User, name string) (string, *cotejo.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "API token"
	}
	if err := cotejo.CheckText("name", name); err != nil {
		return "", nil, err
	}
	secret := TokenPrefix + randomSecret()
	t := &cotejo.APIToken{UserID: u.ID, Name: name, Hint: secret[:len(TokenPrefix)+6], CreatedAt: s.Now()}
	err := s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.CreateToken(ctx, t, hashSecret(secret)); err != nil {
			return err
		}
		return s.record(ctx, tx, u, cotejo.EntityUser, u.ID, nil, "token_create", nil, t, cotejo.Reason{})
	})
	return secret, t, err
}

// TokenUser returns the user of an API token secret.
func (s *Service) TokenUser(ctx context.Context, secret string) (*cotejo.User, error) {
	u, t, err := s.store.TokenUser(ctx, hashSecret(secret))
	if u, err = signedIn(u, err, "The API token is unknown or revoked."); err != nil {
		return nil, err
	}
	// Recording the last use costs a write per request; once a minute is enough.
	if t.LastUsedAt == nil || s.Now().Sub(*t.LastUsedAt) > time.Minute {
		_ = s.store.InTx(ctx, func(tx Tx) error { return tx.TouchToken(ctx, t.ID, s.Now()) })
	}
	return u, nil
}

// RevokeToken revokes one of u's tokens.
func (s *Service) RevokeToken(ctx context.Context, u *cotejo.User, id int64) error {
	return s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.RevokeToken(ctx, u.ID, id, s.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, u, cotejo.EntityUser, u.ID, nil, "token_revoke", nil, Record{TokenID: &id}, cotejo.Reason{})
	})
}

// formKeySetting names the setting that holds the key of form tokens.
const formKeySetting = "form_token_key"

// FormToken returns the token that a form (or a script calling the API with
// the session cookie) must carry, for a binding: the secret of the session,
// or, before login, the random value of the visitor's own cookie. The token
// is an HMAC of the binding under a key kept in the database, so every
// instance computes the same one, while nobody can make a token for a
// session or cookie of their choosing without the key. A new session gives
// new tokens, so one seen before login is worthless after it.
func (s *Service) FormToken(ctx context.Context, binding string) (string, error) {
	key, err := s.formKey(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("cotejo form token\x00" + binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// formKey loads the key of form tokens, making it the first time Cotejo
// runs over a database; of two instances that make one at once, both keep
// the one stored first.
func (s *Service) formKey(ctx context.Context) ([]byte, error) {
	s.formKeyMu.Lock()
	defer s.formKeyMu.Unlock()
	if s.formKeyCache != nil {
		return s.formKeyCache, nil
	}
	v, ok, err := s.store.Setting(ctx, formKeySetting)
	if err == nil && !ok {
		if err = s.store.InTx(ctx, func(tx Tx) error { return tx.AddSetting(ctx, formKeySetting, randomSecret()) }); err == nil {
			v, ok, err = s.store.Setting(ctx, formKeySetting)
		}
	}
	if err != nil {
		return nil, err
	}
	key, derr := base64.RawURLEncoding.DecodeString(v)
	if !ok || derr != nil || len(key) < 32 {
		return nil, fmt.Errorf("workflow: the setting %s does not hold a key", formKeySetting)
	}
	s.formKeyCache = key
	return key, nil
}

func randomSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("workflow: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
