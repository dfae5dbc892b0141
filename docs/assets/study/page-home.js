// Entry for the home page: progress per level and category, due today, the study plan, export/import/reset.
import { boot, queueItems } from "./boot.js";
import { dueQueue } from "./due.js";
import { listWidget } from "./lists.js";
import { planView } from "./plan-view.js";
import { progressTools } from "./tools.js";

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
});
