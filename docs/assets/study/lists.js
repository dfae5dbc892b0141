// Home and listing pages: counts per level and category (got, to review, not studied, due today), badges,
// and the "still to review" filter, which follows the reader from page to page in this tab.
import { all, badge, el, onRefresh, showNotice } from "./dom.js";
import { store } from "./store.js";

const FILTER_KEY = "ftp-study-filter";

function rememberFilter(on) {
  try {
    window.sessionStorage.setItem(FILTER_KEY, on ? "review" : "");
  } catch (err) {
    /* not remembered; harmless */
  }
}

function filterWanted() {
  if (/(?:^|[?&])filter=review(?:&|$)/.test(window.location.search)) return true;
  try {
    return window.sessionStorage.getItem(FILTER_KEY) === "review";
  } catch (err) {
    return false;
  }
}

/** {got, review, new, due} for these ids, now. */
export function counts(ids, now = new Date()) {
  const c = { got: 0, review: 0, new: 0, due: 0 };
  for (const id of ids) {
    c[store.status(id, now)] += 1;
    if (store.due(id, now)) c.due += 1;
  }
  return c;
}

function summaryText(c, total) {
  return c.got + " / " + total + " got it · " + c.review + " to review again · " + c.new + " not studied yet";
}

export function listWidget(panel) {
  const isHome = panel.getAttribute("data-ftp-list") === "home";
  const rows = isHome ? all("[data-question-id]", panel) : all(".ftp-row[data-question-id]");
  const ids = rows.map((row) => row.getAttribute("data-question-id"));
  const summary = panel.querySelector("[data-ftp-summary]");
  const filter = panel.querySelector("[data-ftp-filter]");
  const message = panel.querySelector("[data-ftp-message]");
  const done = el("p", { className: "ftp-help", "data-ftp-all-done": "", text: "Nothing left to review here: every question is marked “Got it”." });
  done.hidden = true;
  if (filter) filter.closest("p").after(done);

  function draw() {
    const now = new Date();
    const c = counts(ids, now);
    summary.textContent = summaryText(c, ids.length);
    for (const row of rows) {
      const id = row.getAttribute("data-question-id");
      const status = store.status(id, now);
      for (const b of all("[data-ftp-badge]", row)) b.remove();
      const b = badge(status);
      const slot = row.querySelector(".ftp-meta");
      if (b && slot) slot.insertBefore(b, slot.firstChild);
      else if (b) row.append(b);
      row.setAttribute("data-ftp-status", status);
      row.hidden = Boolean(filter && filter.checked && status === "got");
      // and its entry in Material's table of contents, where a click would lead nowhere
      for (const a of all('.md-nav--secondary a[href="#' + id + '"]')) a.closest("li").hidden = row.hidden;
    }
    done.hidden = !(filter && filter.checked && c.got === ids.length);
    for (const cell of all("[data-ftp-count]", panel)) {
      const [kind, group, what] = cell.getAttribute("data-ftp-count").split(":");
      const members = rows.filter((row) => row.getAttribute("data-" + kind) === group).map((row) => row.getAttribute("data-question-id"));
      cell.textContent = String(counts(members, now)[what]);
    }
  }

  if (filter) {
    filter.checked = filterWanted();
    const details = filter.closest("details");
    if (details && filter.checked) details.open = true;
    filter.addEventListener("change", () => {
      rememberFilter(filter.checked);
      draw();
    });
  }
  onRefresh(draw);
  panel.hidden = false;
  draw();
  showNotice(message, store);
}
