// Home page: the study plan for an interview date (docs/assets/study/plan.js does the sums).
import { el, onRefresh } from "./dom.js";
import { studyPlan } from "./plan.js";
import { review } from "./schedule.js";
import { store } from "./store.js";
import { longDate, shortDate } from "./when.js";

const DATE_KEY = "ftp-study-plan-date";
const ROWS = 31; // days shown in the table; the sums cover every day

export function planView(box, ids) {
  const input = box.querySelector("[data-ftp-plan-date]");
  const result = box.querySelector("[data-ftp-plan-result]");
  const pad = (n) => String(n).padStart(2, "0");
  const today = new Date();
  input.min = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());

  function draw() {
    result.replaceChildren();
    if (!input.value) return;
    const [y, m, d] = input.value.split("-").map(Number);
    const interview = new Date(y, m - 1, d, 12);
    const cards = Object.fromEntries(ids.map((id) => [id, store.entry(id) ? store.entry(id).card : null]));
    const plan = studyPlan(new Date(), interview, cards, review);
    if (plan.error) {
      result.append(el("p", { className: "ftp-study-message ftp-study-message--warning", "data-ftp-plan-summary": "", text: plan.error }));
      return;
    }
    const lead = plan.days + " day" + (plan.days === 1 ? "" : "s") + " to study before " + longDate(interview) + ". ";
    let text;
    if (plan.newCount === 0) text = lead + "You have seen every question: keep up with what is due each day.";
    else if (plan.feasible) {
      text = lead + "See " + plan.perDay + " new question" + (plan.perDay === 1 ? "" : "s") + " a day (" + plan.newCount +
        " not studied yet) to see every question at least twice before the interview.";
    } else {
      text = lead + "That is too close to see all " + plan.newCount + " new questions twice with spacing: see them all today, " +
        "then review what you can.";
    }
    const assumption = "“Twice” assumes you grade each review Good: FSRS then brings a new question back after " + plan.gap +
      " days, so the last new questions come " + plan.gap + " days before the interview; grading Again or Hard brings a question back sooner.";
    const rows = plan.schedule.slice(0, ROWS).map((day) =>
      el("tr", {}, [el("td", { text: shortDate(day.date) }), el("td", { text: String(day.fresh) }), el("td", { text: String(day.due) })]));
    const table = el("table", { "data-ftp-plan-table": "" }, [
      el("caption", { text: "What each day holds" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Day" }), el("th", { scope: "col", text: "New" }), el("th", { scope: "col", text: "Reviews due" })])]),
      el("tbody", {}, rows),
    ]);
    result.append(el("p", { "data-ftp-plan-summary": "", text }), el("p", { text: assumption }), table);
    if (plan.schedule.length > ROWS) result.append(el("p", { className: "ftp-help", text: "The table shows the first " + ROWS + " days." }));
  }

  try {
    input.value = window.localStorage.getItem(DATE_KEY) || "";
  } catch (err) {
    /* not remembered */
  }
  input.addEventListener("change", () => {
    try {
      window.localStorage.setItem(DATE_KEY, input.value);
    } catch (err) {
      /* not remembered */
    }
    draw();
  });
  onRefresh(draw); // a grade or an import changes what is new
  box.hidden = false;
  draw();
}
