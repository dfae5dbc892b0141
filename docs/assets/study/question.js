// Question pages: grade yourself with FSRS's four ratings, the key points as a checklist that suggests one,
// when the question is next due, and a notice when the answer changed since it was graded.
import { all, badge, el, onRefresh, showNotice } from "./dom.js";
import { preview, RATINGS, suggest } from "./schedule.js";
import { store } from "./store.js";
import { daysBetween, longDate, relativeDue } from "./when.js";

function interval(dueIso, now) {
  const days = daysBetween(now, new Date(dueIso));
  return days <= 0 ? "today" : days === 1 ? "1 day" : days + " days";
}

export function questionWidget(mount) {
  const id = mount.getAttribute("data-question-id");
  const answer = document.querySelector("details.ftp-answer");
  const points = all(".ftp-key-points li", answer || document).map((li) => li.textContent.replace(/\s+/g, " ").trim());
  const ticked = (store.entry(id) && store.entry(id).points) || [];

  const current = el("span", { className: "ftp-self-test-current", "data-ftp-current": "" });
  const title = el("p", { className: "ftp-self-test-title" }, [el("strong", { text: "Grade yourself" }), " ", current]);
  const nextDue = el("p", { className: "ftp-help", "data-ftp-next-due": "" });
  const changed = el("p", { className: "ftp-study-message ftp-study-message--warning", "data-ftp-changed": "" });
  const intro = el("p", { className: "ftp-help", "data-ftp-intro": "", text: "Answer out loud first, then open the answer above to grade yourself." });
  const boxes = points.map((text, n) => {
    const tick = el("input", { type: "checkbox", "data-ftp-point": String(n) });
    tick.checked = ticked.includes(n);
    return el("label", {}, [tick, " " + text]);
  });
  const checklist = el("fieldset", { className: "ftp-checklist" }, [el("legend", { text: "Did I mention…" }), ...boxes]);
  const suggestion = el("p", { className: "ftp-help", "data-ftp-suggestion": "", "aria-live": "polite" });
  const buttons = RATINGS.map((r) => {
    const after = el("span", { className: "ftp-after", "data-ftp-after": "" });
    return el("button", { type: "button", className: "md-button", "data-ftp-grade": r.id, "aria-keyshortcuts": r.key, title: r.help },
      [r.label, " ", after, el("kbd", { text: r.key })]);
  });
  const grading = el("div", { className: "ftp-grading", "data-ftp-grading": "" },
    [checklist, suggestion, el("p", { className: "ftp-grade-buttons", role: "group", "aria-label": "How well did you know it?" }, buttons)]);
  const message = el("p", { className: "ftp-study-message", role: "status", "data-ftp-message": "" });
  mount.append(el("section", { className: "ftp-self-test ftp-study-ui", "aria-label": "Grade yourself" },
    [title, nextDue, changed, intro, grading, message]));

  const tickedPoints = () => all("input[data-ftp-point]", checklist).filter((b) => b.checked).map((b) => Number(b.getAttribute("data-ftp-point")));

  function draw() {
    const now = new Date();
    const status = store.status(id, now);
    const entry = store.entry(id);
    current.replaceChildren(status === "new" ? "(not graded yet)" : "");
    const b = badge(status);
    if (b) current.append(b);
    nextDue.textContent = entry ? "Next review: " + relativeDue(new Date(entry.card.due), now) + "." : "";
    nextDue.hidden = !entry;
    const wasChanged = store.changed(id);
    changed.hidden = !wasChanged;
    if (wasChanged) {
      const on = store.changedOn[id];
      changed.textContent = "This answer was updated since you studied it" +
        (on ? " (on " + longDate(new Date(on + "T12:00:00")) + ")" : "") + ": it is back in your reviews.";
    }
    const open = !answer || answer.open;
    grading.hidden = !open;
    intro.hidden = open;
    const last = store.lastReview(id);
    const ahead = preview(entry ? entry.card : null, now);
    for (const button of buttons) {
      const rating = RATINGS.find((r) => r.id === button.getAttribute("data-ftp-grade"));
      button.setAttribute("aria-pressed", String(Boolean(last && last.rating === rating.value)));
      button.querySelector("[data-ftp-after]").textContent = interval(ahead[rating.value], now);
    }
    const tip = suggest(tickedPoints().length, points.length);
    for (const button of buttons) button.classList.toggle("md-button--primary", Boolean(tip && button.getAttribute("data-ftp-grade") === tip.id));
    suggestion.textContent = tip ? "Suggested: " + tip.label + " (you ticked " + tickedPoints().length + " of " + points.length + " key points)." : "";
  }

  function grade(rating) {
    const saved = store.grade(id, rating.value, tickedPoints());
    message.classList.remove("ftp-study-message--warning");
    const due = store.entry(id) && new Date(store.entry(id).card.due);
    message.textContent = saved
      ? "Saved: " + rating.label + ". Next review " + relativeDue(due, new Date()) + ". Your progress is on the home page."
      : store.notice;
    draw();
    document.dispatchEvent(new CustomEvent("ftp-study-change", { detail: { id, rating: rating.id } }));
  }

  for (const button of buttons) {
    button.addEventListener("click", () => grade(RATINGS.find((r) => r.id === button.getAttribute("data-ftp-grade"))));
  }
  checklist.addEventListener("change", () => {
    store.setPoints(id, tickedPoints());
    draw();
  });
  if (answer) answer.addEventListener("toggle", draw);
  onRefresh(draw);
  draw();
  showNotice(message, store);
}

