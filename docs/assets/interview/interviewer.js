// Interviewer mode, the interviewer's page (interview/): create an interview (its code and the two
// links), run it with the rubric, the weak answers, the follow-ups and a scorecard per question, switch
// to the candidate's screen on one device, and end with printable scorecards. The marks live in
// sessionStorage under the code, so a reload keeps them; nothing leaves the browser.
import { decode, encode, randomSeed } from "./code.js";
import { joinForm } from "./join.js";
import { clock, codeFromUrl, coverage, describe, linkFor, memory, questionIds, readItems, readSettings } from "./session.js";
import { questionTimer } from "./timer.js";
import { followUpsOf, keyPointsOf, questionPage, sectionOf } from "../lib/question-page.js";

const root = document.querySelector(".md-content");
const settingsElement = root.querySelector("[data-ftp-interview-settings]");
const config = readSettings(settingsElement);
const part = (name) => root.querySelector(`[data-ftp-${name}]`);
const setup = part("setup");
const join = part("join");
const ready = part("ready");
const run = part("run");
const summary = part("summary");
const bank = part("bank");
const stage = run.querySelector("[data-ftp-stage]");
const { items, byId } = readItems(bank);

let state = null; // {code, ids, index, view, phase, marks: {id: {points, score, notes, seconds}}}
let timer = null;

function show(phase) {
  setup.hidden = phase !== "setup";
  join.hidden = phase !== "setup";
  ready.hidden = phase !== "ready";
  run.hidden = phase !== "run";
  summary.hidden = phase !== "summary";
  root.dataset.ftpInterviewPhase = phase;
  if (state) state.phase = phase;
  save();
}

function save() {
  if (!state) return;
  for (const id of state.ids) if (timer?.has(id)) state.marks[id].seconds = timer.seconds(id);
  memory.save(`ftp-interview:${state.code}`, { ...state, ids: undefined });
}

// ---- the marks of one question: read from and written to its section's inputs --------------

function readMarks(item) {
  const section = item.section;
  const checked = section.querySelector("[data-ftp-score]:checked");
  return {
    points: [...section.querySelectorAll("[data-ftp-point]")].map((box) => box.checked),
    score: checked ? Number(checked.value) : null,
    notes: section.querySelector("[data-ftp-notes]").value,
    seconds: state.marks[item.id]?.seconds || 0,
  };
}

function writeMarks(item, marks) {
  const boxes = item.section.querySelectorAll("[data-ftp-point]");
  boxes.forEach((box, i) => (box.checked = Boolean(marks.points?.[i])));
  for (const radio of item.section.querySelectorAll("[data-ftp-score]")) radio.checked = Number(radio.value) === marks.score;
  item.section.querySelector("[data-ftp-notes]").value = marks.notes || "";
}

// ---- the rubric of one question: built from its own page (precached offline) and the templates ------

const templateOf = (name) => root.querySelector(`[data-ftp-${name}-template]`).content.firstElementChild;

function putInSlot(node, name, children) {
  node.querySelector(`[data-slot="${name}"]`).replaceWith(...children);
}

async function fillItem(item) {
  const section = item.section;
  if (section.querySelector("[data-ftp-rubric]")) return;
  const page = await questionPage(section.querySelector("a[data-ftp-source]").getAttribute("href"));
  if (section.querySelector("[data-ftp-rubric]")) return;
  const rubric = templateOf("rubric").cloneNode(true);
  const points = keyPointsOf(page).map((text) => {
    const label = templateOf("rubric-point").cloneNode(true);
    label.querySelector("[data-slot=text]").replaceWith(text);
    return label;
  });
  const total = points.reduce((sum, label) => sum + Number(label.querySelector("[data-ftp-point]").dataset.weight), 0);
  rubric.querySelector("[data-slot=total]").replaceWith(String(total));
  putInSlot(rubric, "points", points);
  rubric.querySelector("[data-slot=listen-heading]").textContent = section.dataset.mistakesHeading;
  putInSlot(rubric, "listen", sectionOf(page, section.dataset.mistakes)?.nodes || []);
  const followUps = followUpsOf(page).map(({ question, blocks }, i) => {
    const details = document.createElement("details");
    details.className = "ftp-followup";
    const summaryLine = document.createElement("summary");
    summaryLine.textContent = `${i + 1}. ${question}`;
    details.append(summaryLine, ...blocks);
    return details;
  });
  putInSlot(rubric, "follow-ups", followUps);
  for (const radio of rubric.querySelectorAll("[data-ftp-score]")) radio.name = `score-${item.id}`;
  section.append(rubric);
}

// ---- creating an interview ----------------------------------------------------------------------

function open(code, then) {
  const settings = decode(code, config.levels.length);
  if (!settings) return false;
  const ids = questionIds(items, config.levels, settings);
  const saved = memory.load(`ftp-interview:${code}`);
  const opening = {
    code,
    settings,
    ids,
    index: 0,
    view: "interviewer",
    phase: "ready",
    marks: Object.fromEntries(ids.map((id) => [id, { points: [], score: null, notes: "", seconds: 0 }])),
  };
  if (saved && saved.marks) {
    opening.index = Math.min(saved.index || 0, ids.length - 1);
    for (const id of ids) if (saved.marks[id]) opening.marks[id] = saved.marks[id];
    opening.phase = saved.phase || "ready";
    opening.view = saved.view === "candidate" ? "candidate" : "interviewer"; // a reload must not bare the rubric
  }
  for (const el of root.querySelectorAll("[data-ftp-code]")) el.textContent = code;
  part("summary-line").textContent = describe(settings, config.levelTitles, config.timers, ids.length);
  for (const view of ["candidate", "interviewer"]) {
    const a = ready.querySelector(`[data-ftp-link=${view}]`);
    a.href = linkFor(config.urls[view], code);
    a.textContent = a.href;
  }
  const status = part("setup-status");
  status.textContent = "Loading the questions…";
  Promise.all(ids.map((id) => fillItem(byId.get(id)))).then(
    () => {
      status.textContent = "";
      state = opening;
      for (const id of ids) writeMarks(byId.get(id), state.marks[id]);
      timer?.stop();
      timer = questionTimer(run.querySelector("[data-ftp-timer]"), 60 * config.timers[settings.timer]);
      if (state.phase === "run") start(state.index);
      else if (state.phase === "summary") end();
      else show("ready");
      then?.();
    },
    () => {
      show("setup");
      status.textContent = "The questions could not be loaded. Check your connection and try again.";
    },
  );
  return true;
}

setup.addEventListener("submit", (event) => {
  event.preventDefault();
  const ticked = [...setup.querySelectorAll("input[name=level]")].map((input) => input.checked);
  const levels = ticked.reduce((mask, on, i) => mask + (on ? 2 ** i : 0), 0);
  const status = part("setup-status");
  if (!levels) {
    status.textContent = "Pick at least one level.";
    return;
  }
  const count = Math.max(1, Math.min(config.maxCount, Math.round(Number(setup.elements.count.value) || 1)));
  const code = encode({ seed: randomSeed(), levels, count, timer: Number(setup.elements.timer.value) }, config.levels.length);
  window.history.replaceState(null, "", `?${new URLSearchParams({ code })}`);
  open(code, () => ready.focus());
});

for (const button of ready.querySelectorAll("[data-ftp-copy-link]")) {
  button.addEventListener("click", async () => {
    const link = ready.querySelector(`[data-ftp-link=${button.dataset.ftpCopyLink}]`).href;
    const status = part("copy-status");
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = "Link copied.";
    } catch {
      status.textContent = "Copying is blocked here: select the link and copy it.";
    }
  });
}

// ---- running it -----------------------------------------------------------------------------------

function setView(view) {
  state.view = view;
  run.dataset.ftpView = view;
  for (const el of run.querySelectorAll("[data-ftp-interviewer-only]")) el.hidden = view === "candidate";
  const toggle = run.querySelector("[data-ftp-do=toggle]");
  toggle.setAttribute("aria-pressed", String(view === "candidate"));
  toggle.textContent = view === "candidate" ? "Back to the interviewer's screen" : "Show the candidate's screen";
}

function start(index) {
  show("run");
  goTo(index);
}

function goTo(index) {
  const previous = stage.firstElementChild;
  if (previous) {
    previous.hidden = true;
    bank.append(previous);
  }
  state.index = index;
  const item = byId.get(state.ids[index]);
  item.section.hidden = false;
  stage.append(item.section);
  setView(state.view);
  part("position").textContent = `Question ${index + 1} of ${state.ids.length}`;
  run.querySelector("[data-ftp-do=previous]").disabled = index === 0;
  run.querySelector("[data-ftp-do=next]").disabled = index === state.ids.length - 1;
  timer.show(item.id, state.marks[item.id].seconds || 0);
  save();
}

run.addEventListener("change", () => {
  const item = byId.get(state.ids[state.index]);
  state.marks[item.id] = readMarks(item);
  save();
});
run.addEventListener("input", (event) => {
  if (event.target.matches("[data-ftp-notes]")) run.dispatchEvent(new Event("change"));
});

const actions = {
  start: () => start(state.index),
  previous: () => goTo(Math.max(0, state.index - 1)),
  next: () => goTo(Math.min(state.ids.length - 1, state.index + 1)),
  toggle: () => {
    setView(state.view === "candidate" ? "interviewer" : "candidate");
    save();
  },
  end,
  resume: () => start(state.index),
  print: () => window.print(),
  new: () => {
    timer?.stop();
    state = null;
    window.history.replaceState(null, "", window.location.pathname);
    show("setup");
  },
};
root.addEventListener("click", (event) => {
  const button = event.target.closest("[data-ftp-do]");
  if (button && actions[button.dataset.ftpDo] && (state || button.dataset.ftpDo === "new")) actions[button.dataset.ftpDo]();
});

// ---- the scorecards -------------------------------------------------------------------------------

function fill(template, slots) {
  const node = template.content.firstElementChild.cloneNode(true);
  for (const [name, value] of Object.entries(slots)) {
    const slot = node.querySelector(`[data-slot=${name}]`);
    if (value instanceof Node) slot.append(value);
    else slot.textContent = value;
  }
  return node;
}

function scorecard(id, number) {
  const item = byId.get(id);
  const marks = state.marks[id];
  const section = item.section;
  const boxes = [...section.querySelectorAll("[data-ftp-point]")];
  const points = boxes.map((box, i) => ({ weight: Number(box.dataset.weight), ticked: Boolean(marks.points[i]) }));
  const sum = coverage(points);
  const list = document.createDocumentFragment();
  const pointTemplate = root.querySelector("[data-ftp-point-template]");
  boxes.forEach((box, i) => {
    const li = fill(pointTemplate, {
      mark: points[i].ticked ? "✓ Heard:" : "✗ Not heard:",
      text: box.parentElement.textContent.replace(/\(\d+ points?\)\s*$/, "").trim(),
    });
    li.classList.add(points[i].ticked ? "ftp-scorecard__point--heard" : "ftp-scorecard__point--missed");
    list.append(li);
  });
  const radio = section.querySelector(`[data-ftp-score][value="${marks.score}"]`);
  return {
    node: fill(root.querySelector("[data-ftp-scorecard-template]"), {
      number: `${number}.`,
      question: section.querySelector("[data-ftp-question]").textContent.trim(),
      meta: section.querySelector(".ftp-meta").firstChild.textContent.trim(),
      time: clock(marks.seconds || 0),
      coverage: `${sum.got} of ${sum.total} points (${sum.percent}%)`,
      points: list,
      score: radio ? `${marks.score} of 4, ${radio.dataset.label}` : "not scored",
      notes: marks.notes.trim() || "none",
    }),
    sum,
  };
}

function end() {
  timer?.stop();
  save();
  const cards = state.ids.map((id, i) => scorecard(id, i + 1));
  part("scorecards").replaceChildren(...cards.map((card) => card.node));
  const got = cards.reduce((s, c) => s + c.sum.got, 0);
  const total = cards.reduce((s, c) => s + c.sum.total, 0);
  const scores = state.ids.map((id) => state.marks[id].score).filter((s) => s !== null);
  const average = scores.length ? (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1) : null;
  part("total").textContent =
    `Interview ${state.code}: key points heard ${got} of ${total} (${total ? Math.round((100 * got) / total) : 0}%)` +
    (average ? `; average score ${average} of 4 over ${scores.length} scored question${scores.length === 1 ? "" : "s"}.` : "; no overall scores given.");
  show("summary");
  summary.focus();
}

// ---- start ------------------------------------------------------------------------------------

part("needs-js").hidden = true;
joinForm(join, config.levels.length);
const fromUrl = codeFromUrl();
if (!(fromUrl && open(fromUrl))) {
  show("setup");
  if (fromUrl) part("setup-status").textContent = `“${fromUrl}” is not an interview code of this site; create a new interview.`;
}
