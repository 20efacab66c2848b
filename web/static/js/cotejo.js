// Cotejo's small enhancements. Every page works without this script: it
// adds capturing an original by selecting it in the evidence, keyboard
// shortcuts, and scrolling the evidence to the original.
"use strict";

// codePoints counts Unicode code points, the unit of every offset in Cotejo
// (JavaScript strings count UTF-16 units, which differ outside the BMP).
function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Edges of a selection that are never part of an original: whitespace and
// quotation marks of every convention.
const EDGE_START = /^[\s"'“”„‟«»‹›‘‚‛「」『』]*/u;
const EDGE_END = /[\s"'“”„‟«»‹›‘’‚‛「」『』]*$/u;

// offsetIn returns the code-point offset of (node, offset) within root's text.
function offsetIn(root, node, offset) {
  const r = document.createRange();
  r.selectNodeContents(root);
  r.setEnd(node, offset);
  return codePoints(r.toString());
}

function captureSelection(evidence, form) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const range = sel.getRangeAt(0);
  if (!evidence.contains(range.startContainer) || !evidence.contains(range.endContainer)) return;
  let start = offsetIn(evidence, range.startContainer, range.startOffset);
  let end = offsetIn(evidence, range.endContainer, range.endOffset);
  let text = range.toString();
  // A selection usually catches a space, a line end or the quotation marks
  // at its edges; the original is what lies between them.
  const lead = text.match(EDGE_START)[0];
  const trail = text.slice(lead.length).match(EDGE_END)[0];
  start += codePoints(lead);
  end -= codePoints(trail);
  text = text.slice(lead.length, text.length - trail.length);
  if (!text) return;
  form.querySelector("[data-role=original]").value = text;
  form.querySelector("[data-role=source-start]").value = start;
  form.querySelector("[data-role=source-end]").value = end;
  const src = form.querySelector("[data-role=source]");
  if (src) src.value = evidence.dataset.sourceId;
  const info = form.querySelector("[data-role=selection-info]");
  if (info) info.textContent = info.dataset.selected.replace("{start}", start).replace("{end}", end);
  for (const c of form.querySelectorAll("input[name=candidate]")) c.checked = false;
  form.dispatchEvent(new Event("cotejo:original")); // not "input": the place is known
}

document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits as soon as a language is chosen.
  for (const sel of document.querySelectorAll("select[data-autosubmit]")) {
    sel.addEventListener("change", () => sel.form.submit());
  }

  const form = document.getElementById("quote-form");
  const evidence = document.querySelector("[data-role=evidence]");
  if (form && evidence) {
    evidence.addEventListener("mouseup", () => captureSelection(evidence, form));
    evidence.addEventListener("keyup", () => captureSelection(evidence, form));
    // Typing the original by hand means its place is unknown again.
    form.querySelector("[data-role=original]").addEventListener("input", () => {
      form.querySelector("[data-role=source-start]").value = "";
      form.querySelector("[data-role=source-end]").value = "";
    });
  }
  // Show the original where it stands in the evidence.
  const hit = document.getElementById("evidence-hit") || document.getElementById("candidate-0");
  if (hit && evidence) evidence.scrollTop = hit.offsetTop - evidence.offsetTop - evidence.clientHeight / 3;

  const workbench = document.querySelector(".workbench");

  // Live checks: as the translator types, the quote is checked as if it
  // were saved (nothing is stored) and the findings replace the list.
  const live = form && workbench && form.querySelector("[data-role=live-checks]");
  if (live) {
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
      fetch("/api/v1/articles/" + workbench.dataset.articleId + "/checks", {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": f.csrf_token.value},
        body: JSON.stringify(body),
      }).then((r) => (r.ok ? r.json() : null)).then((fs) => {
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
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && form) {
      ev.preventDefault();
      form.querySelector("[data-role=save]").click();
    } else if (ev.altKey && (ev.key === "ArrowDown" || ev.key === "ArrowUp") && workbench) {
      const href = ev.key === "ArrowDown" ? workbench.dataset.next : workbench.dataset.prev;
      if (href) {
        ev.preventDefault();
        window.location.href = href;
      }
    } else if (ev.altKey && (ev.key === "c" || ev.key === "C" || ev.code === "KeyC") && form && evidence) {
      const m = document.querySelector("input[name=candidate]:checked");
      const mark = m ? document.getElementById("candidate-" + [...form.querySelectorAll("input[name=candidate]")].indexOf(m)) : hit;
      if (!mark) return;
      ev.preventDefault();
      form.querySelector("[data-role=original]").value = mark.textContent;
      form.querySelector("[data-role=source-start]").value = mark.dataset.start;
      form.querySelector("[data-role=source-end]").value = mark.dataset.end;
      form.dispatchEvent(new Event("cotejo:original"));
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
// ---- end of the desk's section ----
