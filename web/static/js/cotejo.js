// Cotejo's small enhancements. Every page works without this script: it
// adds capturing an original by selecting it in the evidence, keeping what
// is typed (drafts, a question before leaving), the player of a recording,
// fetching more of a long source, keyboard shortcuts, and the checks as
// the translator types.
"use strict";

// codePoints counts Unicode code points, the unit of every offset in Cotejo
// (JavaScript strings count UTF-16 units, which differ outside the BMP).
function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// unitsOf returns the UTF-16 index of code point n of s.
function unitsOf(s, n) {
  let i = 0;
  for (const ch of s) {
    if (n-- <= 0) break;
    i += ch.length;
  }
  return i;
}

// Edges of a selection that are never part of an original: whitespace and
// quotation marks of every convention.
const EDGE_START = /^[\s"'“”„‟«»‹›‘‚‛「」『』]*/u;
const EDGE_END = /[\s"'“”„‟«»‹›‘’‚‛「」『』]*$/u;

// The evidence pane shows a window of its source: data-offset is where the
// window starts in the whole text, so that offsets stay the source's.
function windowStart(ev) {
  return Number(ev.dataset.offset || 0);
}

// offsetIn returns the code-point offset of (node, offset) within root's text.
function offsetIn(root, node, offset) {
  const r = document.createRange();
  r.selectNodeContents(root);
  r.setEnd(node, offset);
  return codePoints(r.toString());
}

// rangeAt returns the DOM range of code points [start, end) of root's text.
function rangeAt(root, start, end) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const r = document.createRange();
  let pos = 0;
  let begun = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = codePoints(n.data);
    if (!begun && start <= pos + len) {
      r.setStart(n, unitsOf(n.data, start - pos));
      begun = true;
    }
    if (begun && end <= pos + len) {
      r.setEnd(n, unitsOf(n.data, end - pos));
      return r;
    }
    pos += len;
  }
  return begun ? r : null;
}

// clip shortens a text for a message.
function clip(s, n) {
  const cps = [...s];
  return cps.length <= n ? s : cps.slice(0, n - 1).join("") + "…";
}

// mark shows [start, end) of the source (whole-text offsets) in the
// evidence with a highlight that does not change the text's nodes, and
// scrolls the pane there. It reports whether the window holds it.
function markInEvidence(ev, name, start, end, scroll) {
  const from = windowStart(ev);
  const r = rangeAt(ev, start - from, end - from);
  if (!r || start < from) return false;
  if (window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set(name, new Highlight(r));
  if (scroll) {
    const box = r.getBoundingClientRect();
    const pane = ev.getBoundingClientRect();
    ev.scrollTop += box.top - pane.top - ev.clientHeight / 3;
  }
  return true;
}

// api calls Cotejo's API with the page's session and form token.
function api(path, opts) {
  const token = document.querySelector("input[name=csrf_token]");
  const headers = {"Accept": "application/json"};
  if (opts && opts.body) headers["Content-Type"] = "application/json";
  if (token) headers["X-CSRF-Token"] = token.value;
  return fetch(path, Object.assign({headers, credentials: "same-origin"}, opts || {})).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
}

// showAt brings [start, end) of the source into the evidence pane: at once
// when the window holds it, else by fetching the text around it.
function showAt(ev, start, end) {
  if (markInEvidence(ev, "cotejo-pick", start, end, true)) return Promise.resolve();
  const id = ev.dataset.sourceId;
  const from = Math.max(start - 1500, 0);
  const to = Math.min(end + 3500, Number(ev.dataset.length || end + 3500));
  return api("/api/v1/sources/" + id + "/excerpt?start=" + from + "&end=" + to).then((x) => {
    ev.textContent = x.text;
    ev.dataset.offset = x.start;
    const pane = ev.closest(".evidence");
    for (const a of pane.querySelectorAll("[data-role=earlier], [data-role=later]")) a.hidden = true;
    markInEvidence(ev, "cotejo-pick", start, end, true);
  });
}

// captureSelection puts what is selected in the evidence into the form:
// the words and their place. A selection that runs past the box's edge is
// cut at the edge; one that does not touch the text is left alone.
function captureSelection(ev, form) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return false;
  const range = sel.getRangeAt(0).cloneRange();
  if (!range.intersectsNode(ev)) return false;
  const inside = document.createRange();
  inside.selectNodeContents(ev);
  if (range.compareBoundaryPoints(Range.START_TO_START, inside) < 0) range.setStart(inside.startContainer, inside.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, inside) > 0) range.setEnd(inside.endContainer, inside.endOffset);
  let start = windowStart(ev) + offsetIn(ev, range.startContainer, range.startOffset);
  let end = windowStart(ev) + offsetIn(ev, range.endContainer, range.endOffset);
  let text = range.toString();
  // A selection usually catches a space, a line end or the quotation marks
  // at its edges; the original is what lies between them.
  const lead = text.match(EDGE_START)[0];
  const trail = text.slice(lead.length).match(EDGE_END)[0];
  start += codePoints(lead);
  end -= codePoints(trail);
  text = text.slice(lead.length, text.length - trail.length);
  if (!text) return false;
  fillOriginal(form, ev, text, start, end);
  return true;
}

// fillOriginal sets the editor's original and its place in the source.
function fillOriginal(form, ev, text, start, end, keepChoice) {
  form.querySelector("[data-role=original]").value = text;
  form.querySelector("[data-role=source-start]").value = start;
  form.querySelector("[data-role=source-end]").value = end;
  const src = form.querySelector("[data-role=source]");
  if (src && ev) src.value = ev.dataset.sourceId;
  const info = form.querySelector("[data-role=selection-info]");
  if (info) {
    const b = document.createElement("span");
    b.className = "muted";
    b.textContent = info.dataset.selected + ": ";
    const m = document.createElement("mark");
    m.className = "hit";
    m.textContent = clip(text, 160);
    info.replaceChildren(b, m);
  }
  if (!keepChoice) for (const c of document.querySelectorAll("input[name=candidate]")) c.checked = false;
  if (ev) markInEvidence(ev, "cotejo-pick", start, end, false);
  form.dispatchEvent(new Event("cotejo:original")); // not "input": the place is known
}

// Drafts: what is typed in the editor is kept in the tab's session storage
// under the passage or quote, offered back when the person returns to it,
// and a question is asked before leaving the page with unsaved work.
// Moving to another passage of the workbench keeps the draft and asks
// nothing.
const draftFields = ["speaker", "original", "rendering", "source_id", "source_start", "source_end", "media_start", "media_end"];
let leaving = false;

function formValues(form) {
  const v = {};
  for (const f of draftFields) if (form.elements[f]) v[f] = form.elements[f].value;
  return v;
}

function sameValues(a, b) {
  return draftFields.every((f) => (a[f] || "") === (b[f] || ""));
}

function setupDrafts(form, key) {
  const store = window.sessionStorage;
  const initial = formValues(form);
  const offer = form.querySelector("[data-role=draft-offer]");
  let saved = null;
  try {
    saved = JSON.parse(store.getItem(key) || "null");
  } catch (_) {
    saved = null;
  }
  if (saved && !sameValues(saved.values, initial) && offer) {
    const when = offer.querySelector("[data-role=draft-when]");
    when.textContent = when.dataset.text.replace("%s", new Date(saved.at).toLocaleTimeString());
    offer.hidden = false;
    offer.querySelector("[data-action=restore-draft]").addEventListener("click", () => {
      for (const f of draftFields) if (form.elements[f] && saved.values[f] !== undefined) form.elements[f].value = saved.values[f];
      offer.hidden = true;
      form.dispatchEvent(new Event("input"));
    });
    offer.querySelector("[data-action=discard-draft]").addEventListener("click", () => {
      store.removeItem(key);
      offer.hidden = true;
    });
  }
  const keep = () => {
    const now = formValues(form);
    if (sameValues(now, initial)) store.removeItem(key);
    else store.setItem(key, JSON.stringify({values: now, at: Date.now()}));
  };
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("cotejo:original", keep);
  form.addEventListener("submit", () => {
    leaving = true;
    store.removeItem(key);
  });
  return () => !sameValues(formValues(form), initial);
}

// guardTyped reports whether a form of typed words (a reason, a comment)
// holds something not sent.
function guardTyped(form) {
  form.addEventListener("submit", () => {
    leaving = true;
  });
  return () => [...form.querySelectorAll("textarea")].some((t) => t.value.trim() !== t.defaultValue.trim());
}

// The player: plays a range of the recording and stops at its end, shows
// which words of the transcript are being said, and plays a sentence that
// is clicked.
function setupPlayer(pane, ev) {
  const box = pane.querySelector("[data-role=player]");
  if (!box) return null;
  const media = box.querySelector("[data-role=media]");
  const now = box.querySelector("[data-role=now]");
  let cues = [];
  let stopAt = null;
  let ticker = 0;
  const cueAt = (t) => cues.find((c) => c.start <= t && t < c.end);
  const follow = () => {
    const c = cueAt(media.currentTime);
    if (c && ev && !media.paused) markInEvidence(ev, "cotejo-now", c.text_start, c.text_end, false);
    if (stopAt !== null && media.currentTime >= stopAt - 0.05) {
      media.pause();
      stopAt = null;
    }
  };
  media.addEventListener("timeupdate", follow);
  media.addEventListener("play", () => {
    clearInterval(ticker);
    ticker = setInterval(follow, 20);
  });
  media.addEventListener("pause", () => clearInterval(ticker));
  const play = (start, end) => {
    stopAt = end;
    const go = () => {
      media.currentTime = start;
      const p = media.play();
      if (p && p.catch) p.catch(() => {});
    };
    if (media.readyState >= 1) go();
    else media.addEventListener("loadedmetadata", go, {once: true});
    if (media.preload === "none" || media.readyState === 0) media.load();
  };
  // The time of a span of the text, from the cues it touches.
  const timeOf = (start, end) => {
    const touched = cues.filter((c) => c.text_end > start && c.text_start < end);
    if (touched.length === 0) return null;
    return {start: touched[0].start, end: touched[touched.length - 1].end};
  };
  const player = {
    media,
    playQuote() {
      if (box.dataset.start !== undefined) play(Number(box.dataset.start), Number(box.dataset.end));
    },
    playSpan(start, end) {
      const t = timeOf(start, end);
      if (t) play(t.start, t.end);
    },
    hasCues: () => cues.length > 0,
  };
  if (box.dataset.timed) {
    api("/api/v1/sources/" + box.dataset.sourceId + "/cues").then((cs) => {
      cues = cs || [];
      document.documentElement.classList.add("has-cues");
    }).catch(() => {});
    if (ev) {
      ev.addEventListener("click", () => {
        const sel = window.getSelection();
        if (!sel || !sel.isCollapsed || sel.rangeCount === 0 || !ev.contains(sel.anchorNode)) return;
        const at = windowStart(ev) + offsetIn(ev, sel.anchorNode, sel.anchorOffset);
        const c = cues.find((k) => k.text_start <= at && at < k.text_end);
        if (c) {
          play(c.start, c.end);
          if (now) now.textContent = "▶ " + clip(ev.textContent.slice(unitsOf(ev.textContent, c.text_start - windowStart(ev)), unitsOf(ev.textContent, c.text_end - windowStart(ev))), 120);
        }
      });
    }
  }
  const range = box.querySelector("[data-action=play-range]");
  if (range) range.addEventListener("click", () => player.playQuote());
  return player;
}

// moreText fetches the text before or after the evidence window.
function setupMore(pane, ev) {
  const step = 4000;
  for (const a of pane.querySelectorAll("[data-role=earlier], [data-role=later]")) {
    a.addEventListener("click", (e) => {
      e.preventDefault();
      const from = windowStart(ev);
      const to = from + codePoints(ev.textContent);
      const length = Number(ev.dataset.length);
      const earlier = a.dataset.role === "earlier";
      const start = earlier ? Math.max(from - step, 0) : to;
      const end = earlier ? from : Math.min(to + step, length);
      api("/api/v1/sources/" + ev.dataset.sourceId + "/excerpt?start=" + start + "&end=" + end).then((x) => {
        const keep = ev.scrollHeight - ev.scrollTop;
        if (earlier) {
          ev.insertBefore(document.createTextNode(x.text), ev.firstChild);
          ev.dataset.offset = x.start;
          ev.scrollTop = ev.scrollHeight - keep;
          if (x.start === 0) a.hidden = true;
        } else {
          ev.appendChild(document.createTextNode(x.text));
          if (x.end >= length) a.hidden = true;
        }
      }).catch(() => {
        window.location.href = a.href;
      });
    });
  }
}

// setupPlaces wires the lists of places (hits, candidates): choosing a
// candidate fills the original and shows it in the text; "show" brings a
// place into the text; "use" fills the original; "play" plays it.
function setupPlaces(form, ev, player) {
  const item = (el) => el.closest("[data-testid=place]");
  // After a search from the English the original is often empty: the
  // chosen candidate fills it, as choosing another would.
  const chosen = document.querySelector("input[data-role=candidate]:checked");
  if (chosen && form && form.querySelector("[data-role=original]").value.trim() === "") {
    const li = item(chosen);
    if (li) fillOriginal(form, null, li.dataset.exact, Number(li.dataset.start), Number(li.dataset.end), true);
  }
  for (const r of document.querySelectorAll("input[data-role=candidate]")) {
    r.addEventListener("change", () => {
      const li = item(r);
      if (!li || !form) return;
      fillOriginal(form, ev, li.dataset.exact, Number(li.dataset.start), Number(li.dataset.end), true);
      if (ev) showAt(ev, Number(li.dataset.start), Number(li.dataset.end)).catch(() => {});
    });
  }
  document.addEventListener("click", (e) => {
    const t = e.target.closest("[data-action=show-place], [data-action=use-place], [data-action=play-place]");
    if (!t) return;
    const li = item(t);
    if (!li) return;
    const start = Number(li.dataset.start);
    const end = Number(li.dataset.end);
    if (t.dataset.action === "show-place" && ev) {
      e.preventDefault();
      showAt(ev, start, end).catch(() => {
        window.location.href = t.href;
      });
    } else if (t.dataset.action === "use-place" && form) {
      fillOriginal(form, ev, li.dataset.exact, start, end);
      if (ev) showAt(ev, start, end).catch(() => {});
    } else if (t.dataset.action === "play-place" && player) {
      player.playSpan(start, end);
    }
  });
}

// setupLiveChecks: as the translator types, the quote is checked as if it
// were saved (nothing is stored) and the findings replace the list.
function setupLiveChecks(form, workbench) {
  const live = form.querySelector("[data-role=live-checks]");
  if (!live) return;
  const labels = JSON.parse(live.dataset.labels || "{}");
  let timer = 0;
  let seq = 0;
  const show = (findings) => {
    const items = findings.map((f) => {
      const li = document.createElement("li");
      li.className = "sev-" + f.severity;
      li.dataset.code = f.code;
      li.textContent = labels[f.code] || f.message;
      return li;
    });
    if (items.length === 0) {
      const li = document.createElement("li");
      li.className = "ok";
      li.textContent = labels[""];
      items.push(li);
    }
    live.replaceChildren(...items);
  };
  const check = () => {
    const n = ++seq;
    const f = form;
    const body = {
      quote_id: Number(live.dataset.quoteId || 0),
      speaker: f.speaker.value,
      original: {text: f.original.value},
      rendering: {text: f.rendering.value},
    };
    const src = f.querySelector("[data-role=source]");
    if (src && Number(src.value) > 0) body.source_id = Number(src.value);
    const start = f.querySelector("[data-role=source-start]").value;
    const end = f.querySelector("[data-role=source-end]").value;
    if (body.source_id && start !== "" && end !== "") body.source_anchor = {start: Number(start), end: Number(end)};
    api("/api/v1/articles/" + workbench.dataset.articleId + "/checks", {method: "POST", body: JSON.stringify(body)}).then((fs) => {
      if (fs && n === seq) show(fs);
    }).catch(() => {});
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  };
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("cotejo:original", soon);
}

// scrollPaneTo scrolls el's scrolling pane (not the window) to show el.
function scrollPaneTo(el, pane) {
  if (!el || !pane || pane.scrollHeight <= pane.clientHeight) return;
  const box = el.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  pane.scrollTop += box.top - p.top - pane.clientHeight / 3;
}

document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits as soon as a language is chosen.
  for (const sel of document.querySelectorAll("select[data-autosubmit]")) {
    sel.addEventListener("change", () => sel.form.submit());
  }

  const workbench = document.querySelector(".workbench");
  const form = document.getElementById("quote-form");
  const pane = document.querySelector(".evidence");
  const ev = document.querySelector("[data-role=evidence]");
  const moveForm = document.getElementById("move-form") || document.getElementById("transition-form");

  // What would be lost by leaving.
  const unsaved = [];
  if (form && workbench && workbench.dataset.draftKey) unsaved.push(setupDrafts(form, "cotejo-draft:" + workbench.dataset.draftKey));
  for (const f of document.querySelectorAll("form[data-guard=typed]")) unsaved.push(guardTyped(f));
  window.addEventListener("beforeunload", (e) => {
    if (!leaving && unsaved.some((f) => f())) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  // Going to another passage of the workbench keeps the draft: no question.
  if (workbench) {
    document.addEventListener("click", (e) => {
      const a = e.target.closest("a.passage, [data-role=next], [data-role=prev], .quote-head a");
      if (a) leaving = true;
    });
  }

  if (form && ev) {
    // A selection may end outside the box: listen on the whole page.
    document.addEventListener("mouseup", () => captureSelection(ev, form));
    ev.addEventListener("keyup", (e) => {
      if (e.shiftKey) captureSelection(ev, form);
    });
    // Typing the original by hand means its place is unknown again.
    form.querySelector("[data-role=original]").addEventListener("input", () => {
      form.querySelector("[data-role=source-start]").value = "";
      form.querySelector("[data-role=source-end]").value = "";
      for (const c of document.querySelectorAll("input[name=candidate]")) c.checked = false;
    });
  }
  const player = pane ? setupPlayer(pane, ev) : null;
  if (pane && ev) setupMore(pane, ev);
  setupPlaces(form, ev, player);
  if (form && workbench) setupLiveChecks(form, workbench);

  // Show the original where it stands in the evidence, and the current
  // passage in the article, each in its own pane.
  // The workspace fills the window below the page's head.
  const grid = document.querySelector(".editing .wb-grid");
  const fit = () => {
    if (grid) grid.style.setProperty("--wb-top", Math.max(grid.getBoundingClientRect().top + window.scrollY, 0) + "px");
  };
  fit();
  window.addEventListener("resize", fit);
  const hit = document.getElementById("evidence-hit") || document.getElementById("candidate-0");
  if (hit && ev) scrollPaneTo(hit, ev);
  const current = document.querySelector(".body-text .passage.current");
  if (current) scrollPaneTo(current, current.closest(".pane"));

  const click = (sel) => {
    const b = document.querySelector(sel);
    if (!b) return false;
    b.click();
    return true;
  };
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest("input, textarea, select, [contenteditable]");
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      // Save and go on, from anywhere but another form (a reason, a comment).
      const other = e.target.closest("form");
      if (form && (!other || other === form)) {
        e.preventDefault();
        click("#quote-form [data-role=save]");
      } else if (other && other.matches("#comment-form, .comments form")) {
        e.preventDefault();
        other.requestSubmit();
      }
      return;
    }
    if (e.key === "/" && !typing && pane) {
      const q = pane.querySelector("input[name=sq]");
      if (q) {
        e.preventDefault();
        q.focus();
        // Some keyboards still send the "/" itself: it is not the search.
        q.addEventListener("beforeinput", (b) => {
          if (b.data === "/") b.preventDefault();
        }, {once: true});
      }
      return;
    }
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && workbench) {
      const href = e.key === "ArrowDown" ? workbench.dataset.next : workbench.dataset.prev;
      if (href) {
        e.preventDefault();
        leaving = true; // the draft is kept for when they come back
        window.location.href = href;
      }
      return;
    }
    const moves = {KeyT: "translated", KeyV: "verified", KeyR: "rejected", KeyA: "approved"};
    switch (e.code) {
    case "KeyL":
      if (click("#quote-form [data-action=locate]")) e.preventDefault();
      break;
    case "KeyF":
      if (click("#quote-form [data-action=find]") || click(".quote-page [data-action=find]")) e.preventDefault();
      break;
    case "KeyP":
      if (player) {
        e.preventDefault();
        player.playQuote();
      }
      break;
    case "KeyC": {
      if (!form || !ev) break;
      const m = document.querySelector("input[name=candidate]:checked");
      const li = m && m.closest("[data-testid=place]");
      const mark = li ? null : hit;
      if (li) {
        e.preventDefault();
        fillOriginal(form, ev, li.dataset.exact, Number(li.dataset.start), Number(li.dataset.end), true);
      } else if (mark) {
        e.preventDefault();
        fillOriginal(form, ev, mark.textContent, Number(mark.dataset.start), Number(mark.dataset.end));
      }
      break;
    }
    default:
      if (moves[e.code]) {
        const b = document.querySelector("#quote-form button[data-move=" + moves[e.code] + "], #move-form button[data-move=" + moves[e.code] + "], #transition-form button[data-move=" + moves[e.code] + "]");
        if (!b) break;
        e.preventDefault();
        const reason = moveForm && moveForm.querySelector("[data-role=reason]");
        if (moves[e.code] === "rejected" && reason && reason.value.trim() === "") {
          reason.focus(); // a rejection says why: the box first
          break;
        }
        b.click();
      }
    }
  });
});

// ---- The desk's pages: the reader's time zone. ----
// Pages show times in the reader's zone, which their account keeps; until
// it has one (data-time-zone="unset"), the browser's own is sent once.
document.addEventListener("DOMContentLoaded", () => {
  if (document.body.dataset.timeZone !== "unset") return;
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {
    return;
  }
  const token = document.querySelector("input[name=csrf_token]");
  if (!token || !/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) return;
  fetch("/api/v1/me", {
    method: "PATCH",
    headers: {"Content-Type": "application/json", "X-CSRF-Token": token.value},
    body: JSON.stringify({time_zone: zone}),
  }).then((r) => {
    if (r.ok) delete document.body.dataset.timeZone;
  }).catch(() => {});
});

// The account page's button fills the zone field with the browser's zone.
document.addEventListener("DOMContentLoaded", () => {
  for (const b of document.querySelectorAll("[data-browser-zone]")) {
    const field = document.getElementById(b.dataset.browserZone);
    let zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (_) {}
    if (!field || !zone) {
      b.hidden = true;
      continue;
    }
    b.addEventListener("click", () => {
      field.value = zone;
      field.focus();
    });
  }
});
// ---- end of the desk's section ----
