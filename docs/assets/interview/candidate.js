// Interviewer mode, the candidate's page (interview/candidate/): the interview's questions one at a
// time with the timer, from the code in the link. The page holds no rubric, hint or answer at all, so
// none can show on the candidate's device. The position lives in sessionStorage under the code.
import { decode } from "./code.js";
import { joinForm } from "./join.js";
import { codeFromUrl, describe, memory, questionIds, readItems, readSettings } from "./session.js";
import { questionTimer } from "./timer.js";

const root = document.querySelector(".md-content");
const config = readSettings(root.querySelector("[data-ftp-interview-settings]"));
const part = (name) => root.querySelector(`[data-ftp-${name}]`);
const join = part("join");
const run = part("run");
const bank = part("bank");
const stage = run.querySelector("[data-ftp-stage]");
const { items, byId } = readItems(bank);

function begin(code, settings) {
  const ids = questionIds(items, config.levels, settings);
  const key = `ftp-interview-candidate:${code}`;
  const saved = memory.load(key) || {};
  const state = { index: Math.min(saved.index || 0, ids.length - 1), seconds: saved.seconds || {} };
  const timer = questionTimer(run.querySelector("[data-ftp-timer]"), 60 * config.timers[settings.timer]);
  part("code").textContent = `Interview ${code} (${describe(settings, config.levelTitles, config.timers, ids.length)})`;

  const save = () => {
    for (const id of ids) if (timer.has(id)) state.seconds[id] = timer.seconds(id);
    memory.save(key, state);
  };
  const goTo = (index) => {
    const previous = stage.firstElementChild;
    if (previous) {
      previous.hidden = true;
      bank.append(previous);
    }
    state.index = index;
    const item = byId.get(ids[index]);
    item.section.hidden = false;
    stage.append(item.section);
    part("position").textContent = `Question ${index + 1} of ${ids.length}`;
    run.querySelector("[data-ftp-do=previous]").disabled = index === 0;
    run.querySelector("[data-ftp-do=next]").disabled = index === ids.length - 1;
    part("announce").textContent = index === ids.length - 1 ? "This is the last question." : "";
    timer.show(item.id, state.seconds[item.id] || 0);
    save();
  };
  run.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ftp-do]");
    if (!button) return;
    goTo(button.dataset.ftpDo === "next" ? Math.min(ids.length - 1, state.index + 1) : Math.max(0, state.index - 1));
    stage.focus();
  });
  window.addEventListener("pagehide", save);
  run.hidden = false;
  goTo(state.index);
}

part("needs-js").hidden = true;
const code = codeFromUrl();
const settings = code ? decode(code, config.levels.length) : null;
if (settings) {
  join.hidden = true; // shown from the first paint for the usual visit, without a code (site.css .ftp-js-only)
  begin(code, settings);
} else {
  joinForm(join, config.levels.length);
  if (code) part("join-status").textContent = `“${code}” is not an interview code of this site: check the link or type the code.`;
}
