// Cotejo's small enhancements. Every page works without this script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits as soon as a language is chosen.
  for (const sel of document.querySelectorAll("select[data-autosubmit]")) {
    sel.addEventListener("change", () => sel.form.submit());
  }
});
