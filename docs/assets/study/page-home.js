// Entry for the home page: progress per level and category, due today, the study plan, export/import/reset,
// and "Move my progress" (a link and QR codes; opening such a link merges it here).
import { boot, queueItems } from "./boot.js";
import { dueQueue } from "./due.js";
import { listWidget } from "./lists.js";
import { planView } from "./plan-view.js";
import { progressTools } from "./tools.js";
import { openProgressLink } from "./link-open.js";
import { travelPanel } from "./travel.js";

boot(() => {
  const home = document.querySelector("[data-ftp-list=home]");
  if (!home) return;
  const rows = [...home.querySelectorAll("[data-question-id]")];
  listWidget(home);
  progressTools(home);
  const due = home.querySelector("[data-ftp-due]");
  if (due) dueQueue(due, queueItems(rows));
  const plan = home.querySelector("[data-ftp-plan]");
  if (plan) planView(plan, rows.map((row) => row.getAttribute("data-question-id")));
  const travel = home.querySelector("[data-ftp-travel]");
  if (travel) {
    const announce = travelPanel(travel);
    openProgressLink(announce);
    window.addEventListener("hashchange", () => openProgressLink(announce));
  }
});
