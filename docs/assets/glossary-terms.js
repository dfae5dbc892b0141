// Glossary terms: every underlined term (Markdown's <abbr title>) becomes focusable and tappable and
// shows its definition in a small popup: on hover, on keyboard focus and on tap; Escape or a second
// tap closes it. Screen readers hear the definition as the term's description. Deferred module, so it
// never blocks rendering; without JavaScript the native title tooltip remains.
import { termDefinitions } from "./lib/terms.js";

export function mountGlossaryTerms(root = document) {
  // A term inside a link or a summary keeps its native tooltip: the link is what takes the focus there.
  // The build leaves the definition only on a term's first use in the page (macros/pages/terms.py).
  const definitions = termDefinitions(root);
  for (const term of root.querySelectorAll(".md-content abbr:not([title])")) {
    if (definitions.has(term.textContent)) term.setAttribute("title", definitions.get(term.textContent));
  }
  const terms = [...root.querySelectorAll(".md-content abbr[title]")].filter((t) => !t.closest("a, summary, button"));
  if (!terms.length) return null;
  const store = document.createElement("div");
  store.hidden = true;
  const tip = document.createElement("div");
  tip.className = "ftp-term-tip";
  tip.setAttribute("aria-hidden", "true"); // the same text reaches screen readers as a description
  tip.hidden = true;
  document.body.append(store, tip);

  const ids = new Map(); // definition -> id of its description
  let shownFor = null;
  let closeOnClick = false;

  const place = (term) => {
    const box = term.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = `${width}px`;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  };
  const show = (term) => {
    tip.textContent = term.dataset.ftpDefinition;
    tip.hidden = false;
    place(term);
    shownFor = term;
  };
  const hide = () => {
    tip.hidden = true;
    shownFor = null;
  };

  terms.forEach((term) => {
    const definition = term.getAttribute("title");
    if (!ids.has(definition)) {
      const id = `ftp-term-${ids.size + 1}`;
      const span = document.createElement("span");
      span.id = id;
      span.textContent = definition;
      store.append(span);
      ids.set(definition, id);
    }
    term.dataset.ftpDefinition = definition;
    term.removeAttribute("title"); // no second, native tooltip
    term.setAttribute("aria-describedby", ids.get(definition));
    term.tabIndex = 0;
    term.classList.add("ftp-term");
    term.addEventListener("mouseenter", () => show(term));
    term.addEventListener("mouseleave", () => { if (document.activeElement !== term) hide(); });
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", () => { if (shownFor === term) hide(); });
    // A tap toggles: the pointerdown comes before the focus it causes, so it sees the state before the tap.
    term.addEventListener("pointerdown", (event) => { closeOnClick = event.pointerType !== "mouse" && shownFor === term; });
    term.addEventListener("click", () => {
      if (closeOnClick) hide();
      else show(term);
      closeOnClick = false;
    });
    term.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        if (shownFor === term) hide(); else show(term);
      }
    });
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && shownFor) hide(); });
  window.addEventListener("resize", () => { if (shownFor) place(shownFor); });
  return tip;
}

mountGlossaryTerms();
