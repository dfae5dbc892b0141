// Entry for the mock interview (practice/): the interview, and the questions due today.
import { boot, queueItems } from "./boot.js";
import { dueQueue } from "./due.js";
import { practice } from "./practice.js";

boot(() => {
  const setup = document.querySelector("[data-ftp-practice-setup]");
  if (!setup) return;
  practice(setup); // listens to the due queue's "ftp-due" events, so it comes first
  const due = document.querySelector("[data-ftp-due]");
  if (due) dueQueue(due, queueItems([...document.querySelectorAll(".ftp-practice-item[data-question-id]")]));
});
