// "Due today" on the home and practice pages: how many questions are due (FSRS due date by the end of today,
// or an answer that changed since it was graded), per level, and which ones.
import { all, el, onRefresh } from "./dom.js";
import { store } from "./store.js";

/** The due questions among `items` ({id, level, href, title}), now. */
export function dueItems(items, now = new Date()) {
  return items.filter((item) => store.due(item.id, now));
}

export function dueQueue(box, items) {
  const total = box.querySelector("[data-ftp-due-total]");
  const list = box.querySelector("[data-ftp-due-list]");
  function draw() {
    const due = dueItems(items);
    total.textContent = due.length === 0 ? "Nothing is due today." : due.length + " question" + (due.length === 1 ? " is" : "s are") + " due today.";
    for (const cell of all("[data-ftp-due-count]", box)) {
      const level = cell.getAttribute("data-ftp-due-count");
      cell.textContent = String(due.filter((item) => item.level === level).length);
    }
    list.replaceChildren(...due.map((item) => {
      const li = el("li", { "data-question-id": item.id }, [el("a", { href: item.href, text: item.title })]);
      if (store.changed(item.id)) {
        li.append(" ", el("span", { className: "ftp-updated", "data-ftp-updated": "", text: "This answer was updated since you studied it" }));
      }
      return li;
    }));
    list.hidden = due.length === 0;
    box.hidden = false;
    box.dispatchEvent(new CustomEvent("ftp-due", { detail: { ids: due.map((item) => item.id) } }));
  }
  onRefresh(draw);
  draw();
}
