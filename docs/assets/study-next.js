// From one question to the next. On a question page, right where the reader grades: a "Next
// question" link (the next one in this level not studied yet, else the next to review), a "Clear
// mark" button, and the keys H (hint), A (answer), 1-4 (Again, Hard, Good, Easy, as in Anki), G (Good) and
// R (Again: "review again", as in the mock interview), N (next). On a listing page: a link to the first
// question there not studied yet (else to review). Reads and clears marks through window.ftpStudy
// (docs/assets/study/boot.js), whose entry module runs first and builds the grading widget.
const LABEL = { new: "not studied yet", review: "to review again" };
const GRADE_KEYS = { 1: "again", 2: "hard", 3: "good", 4: "easy", g: "good", r: "again" };

/** The question to go to after `current` in `order`: the next not studied, else the next to review. */
export function nextQuestion(order, current, status) {
  const start = order.indexOf(current);
  const after = [...order.slice(start + 1), ...order.slice(0, Math.max(start, 0))];
  return after.find((id) => status(id) === "new") || after.find((id) => status(id) === "review") || null;
}

function typing(target) {
  return /^(TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable ||
    (target.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(target.type));
}

function questionPage(mount, study) {
  const id = mount.dataset.questionId;
  const order = (mount.dataset.ftpOrder || "").split(" ").filter(Boolean);
  const buttons = mount.querySelector(".ftp-grade-buttons");
  if (!buttons) return;
  const clear = Object.assign(document.createElement("button"), { type: "button", className: "md-button ftp-quiet", textContent: "Clear mark" });
  buttons.append(" ", clear);
  const next = document.createElement("p");
  next.className = "ftp-next-question";
  const keys = document.createElement("p");
  keys.className = "ftp-help ftp-keys";
  keys.innerHTML = "Keys: <kbd>H</kbd> hint · <kbd>A</kbd> answer · <kbd>1</kbd>–<kbd>4</kbd> Again, Hard, Good, Easy " +
    "(<kbd>R</kbd> Again, <kbd>G</kbd> Good) · <kbd>N</kbd> next question";
  mount.querySelector(".ftp-self-test").append(next, keys);
  const toc = document.querySelector("[data-ftp-toc-grade]");
  if (toc) toc.hidden = false;

  let target = null;
  const draw = () => {
    clear.hidden = study.status(id) === "new";
    const to = nextQuestion(order, id, study.status);
    target = to ? `../${to}/` : null;
    next.replaceChildren();
    if (to) {
      const link = Object.assign(document.createElement("a"), { href: target, className: "md-button md-button--primary" });
      link.textContent = "Next question →";
      next.append(link, ` (${LABEL[study.status(to)]})`);
    } else {
      next.textContent = "Every question of this level is marked “Got it”.";
    }
  };
  clear.addEventListener("click", () => {
    study.clear(id);
    draw();
    buttons.querySelector('[data-ftp-grade="good"]').focus();
  });
  document.addEventListener("ftp-study-change", draw);
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const key = event.key.toLowerCase();
    const hint = document.querySelector("details.ftp-hint");
    const answer = document.querySelector("details.ftp-answer");
    if (key === "h" && hint) hint.open = !hint.open;
    else if (key === "a" && answer) {
      answer.open = true;
      answer.querySelector("summary").focus();
    } else if (GRADE_KEYS[key]) {
      if (answer) answer.open = true; // grading shows once the answer is open
      const button = buttons.querySelector(`[data-ftp-grade="${GRADE_KEYS[key]}"]`);
      button.click();
      button.focus();
    } else if (key === "n" && target) window.location.href = target;
    else return;
    event.preventDefault();
    event.stopPropagation(); // Material's own keys (e.g. "n" for next page) stay out of it
  }, true);
  draw();
}

function listingPage(panel, study) {
  const rows = [...document.querySelectorAll(".ftp-row[data-question-id]")];
  // The page is built with the fresh reader's "next question" in place (macros/pages/templates/_study_progress.html.j2);
  // a listing without questions has none.
  const next = panel.querySelector("[data-ftp-next]");
  if (!next) return;
  const draw = () => {
    const row = rows.find((r) => study.status(r.dataset.questionId) === "new") ||
      rows.find((r) => study.status(r.dataset.questionId) === "review");
    next.replaceChildren();
    if (!row) return;
    const link = Object.assign(document.createElement("a"), { href: row.querySelector("h2 a").getAttribute("href"), className: "md-button md-button--primary" });
    link.textContent = "Next question →";
    next.append(link, ` (${LABEL[study.status(row.dataset.questionId)]}: ${row.querySelector("h2 a").textContent.trim()})`);
  };
  window.addEventListener("storage", draw);
  draw();
}

function start() {
  const study = window.ftpStudy;
  if (!study || !study.status) return;
  const mount = document.querySelector(".ftp-study[data-question-id]");
  if (mount) questionPage(mount, study);
  const panel = document.querySelector('[data-ftp-list="listing"]');
  if (panel) listingPage(panel, study);
}

// Module scripts run in document order: the study entry module (before this one) has built the widgets.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
