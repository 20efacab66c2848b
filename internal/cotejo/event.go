package cotejo

import (
	"encoding/json"
	"time"
)

// Entity names what an event is about.
type Entity string

// The entities that have a history.
const (
	EntityArticle  Entity = "article"
	EntitySource   Entity = "source"
	EntityQuote    Entity = "quote"
	EntityUser     Entity = "user"
	EntityPassage  Entity = "passage"
	EntityGlossary Entity = "glossary"
	EntityMemory   Entity = "memory"
	EntitySettings Entity = "settings" // the newsroom's settings, with entity id 0
)

// Actions recorded in the audit trail.
const (
	ActionCreate     = "create"
	ActionUpdate     = "update"
	ActionDelete     = "delete"
	ActionTransition = "transition"
	ActionAttach     = "attach"
	ActionIgnore     = "ignore"
	ActionUnignore   = "unignore"
	ActionReopen     = "reopen"   // an editor took back an approval
	ActionReanchor   = "reanchor" // an anchor moved after its text changed
	ActionComment    = "comment"
	ActionImport     = "import" // renderings or memory pairs from a file
)

// Event is one line of the append-only audit trail: who did what to which
// thing, when, with the values before and after.
type Event struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	UserID    *int64          `json:"user_id"`
	Entity    Entity          `json:"entity"`
	EntityID  int64           `json:"entity_id"`
	ArticleID *int64          `json:"article_id,omitempty"`
	Action    string          `json:"action"`
	From      json.RawMessage `json:"from,omitempty"`
	To        json.RawMessage `json:"to,omitempty"`
	Reason    Reason          `json:"reason,omitzero"`
	// Payload is the version of the shape of From and To (see
	// workflow.Record); the events of before versions are version 1.
	Payload int `json:"-"`
}

// PassageIgnore marks a quoted passage of an article body as not a translated
// quote (said in English, scare quotes, a title), so that it stops counting as
// unlinked.
type PassageIgnore struct {
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id"`
	Anchor    Anchor    `json:"anchor"`
	Reason    string    `json:"reason"`
	UserID    int64     `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
}
