package anchor

import (
	"container/list"
	"hash/maphash"
	"sync"
	"unsafe"
)

// Bounds of the process-wide Index cache. An Index takes about five times
// the size of its text, fourteen once its gram index is built (a 1 MB
// transcript: 14 MB), so 16 MB of text is some 220 MB at most; requests
// usually touch a handful of sources and one article at a time.
const (
	cacheEntries = 64
	cacheBytes   = 16 << 20
)

// Locate is a convenience over a process-wide bounded cache of Indexes keyed
// by (hash of text, options), safe for concurrent use: locating many quotes
// in the same source folds the source once.
func Locate(text, quote string, opt Options, max int) []Candidate {
	return indexes.get(text, opt).Locate(quote, max)
}

// LocateEqual is Locate without its approximate step: only where the text
// holds the quote itself, or the same words folded. It costs an index
// lookup where Locate may search the whole text for a near match, for
// callers that have somewhere else to fall back to.
func LocateEqual(text, quote string, opt Options, max int) []Candidate {
	ix := indexes.get(text, opt)
	core := trimQuote(NFC(quote))
	fq := foldString(core, ix.opt)
	if max < 1 || core == "" || fq == "" {
		return nil
	}
	return ix.equal(core, fq, max)
}

var indexes = newIndexCache(cacheEntries, cacheBytes)

type cacheKey struct {
	sum uint64
	opt Options
}

type cacheEntry struct {
	key   cacheKey
	text  string // to tell hash collisions apart
	asked string // the copy of text asked for last, known by its address
	ix    *Index
	done  chan struct{} // closed once ix is built
}

// indexCache is a least-recently-used cache of Indexes. Concurrent requests
// for the same text wait for one build instead of each folding the text.
type indexCache struct {
	seed       maphash.Seed
	maxEntries int
	maxBytes   int

	mu    sync.Mutex
	lru   *list.List // of *cacheEntry, most recent first
	byKey map[cacheKey]*list.Element
	bytes int
	// recent are the entries asked for last, found by the address of
	// their text (see get); one text is often asked for with two options.
	recent [4]*cacheEntry
	next   int
}

// remember makes e one of the recent entries; c.mu must be held.
func (c *indexCache) remember(e *cacheEntry) {
	for _, r := range c.recent {
		if r == e {
			return
		}
	}
	c.recent[c.next] = e
	c.next = (c.next + 1) % len(c.recent)
}

func newIndexCache(maxEntries, maxBytes int) *indexCache {
	return &indexCache{
		seed: maphash.MakeSeed(), maxEntries: maxEntries, maxBytes: maxBytes,
		lru: list.New(), byKey: map[cacheKey]*list.Element{},
	}
}

func (c *indexCache) get(text string, opt Options) *Index {
	// The same string asked again (one article body for each of the units
	// of an import) is found by its address, without hashing a megabyte:
	// Go strings do not change, so the same address and length are the
	// same text.
	c.mu.Lock()
	for _, e := range c.recent {
		if e != nil && e.key.opt == opt && len(e.asked) == len(text) && (len(text) == 0 || unsafe.StringData(e.asked) == unsafe.StringData(text)) {
			if el, ok := c.byKey[e.key]; ok && el.Value == e {
				c.lru.MoveToFront(el)
				c.mu.Unlock()
				<-e.done
				return e.ix
			}
		}
	}
	c.mu.Unlock()
	key := cacheKey{maphash.String(c.seed, text), opt}
	c.mu.Lock()
	if el, ok := c.byKey[key]; ok && el.Value.(*cacheEntry).text == text {
		c.lru.MoveToFront(el)
		e := el.Value.(*cacheEntry)
		e.asked = text
		c.remember(e)
		c.mu.Unlock()
		<-e.done
		return e.ix
	}
	e := &cacheEntry{key: key, text: text, asked: text, done: make(chan struct{})}
	if old, ok := c.byKey[key]; ok { // a hash collision: the newer text wins
		c.remove(old)
	}
	c.byKey[key] = c.lru.PushFront(e)
	c.remember(e)
	c.bytes += len(text)
	for c.lru.Len() > 1 && (c.lru.Len() > c.maxEntries || c.bytes > c.maxBytes) {
		c.remove(c.lru.Back())
	}
	c.mu.Unlock()

	e.ix = NewIndex(text, opt)
	close(e.done)
	return e.ix
}

// remove drops an element; c.mu must be held. Waiters already holding the
// entry still get its Index.
func (c *indexCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.byKey, e.key)
	c.bytes -= len(e.text)
}
