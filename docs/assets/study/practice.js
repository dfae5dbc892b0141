// The mock interview (practice/), moved from study.js as it was: a seeded, optionally timed set of questions,
// graded Got it (FSRS Good) or Review again (FSRS Again); plus practising the questions due today.
import { all, el, showNotice } from "./dom.js";
import { store } from "./store.js";
import { hashSeed, shuffled } from "../lib/seeded.js";
import { hintOf, keyPointsOf, questionPage, sectionOf } from "../lib/question-page.js";

const GOOD = 3;
const AGAIN = 1;


// The seeded order (the same seed serves the same questions in every browser, and interviewer mode
// uses the same module): docs/assets/lib/seeded.js.
export { hashSeed, shuffled };

function newSeed() {
  var bytes = new Uint32Array(1);
  window.crypto.getRandomValues(bytes);
  return bytes[0].toString(36);
}

export function practice(setup) {
  var run = document.querySelector("[data-ftp-practice-run]");
  var summary = document.querySelector("[data-ftp-practice-summary]");
  var bank = document.querySelector("[data-ftp-practice-bank]");
  var stage = run.querySelector("[data-ftp-stage]");
  var position = run.querySelector("[data-ftp-position]");
  var timerEl = run.querySelector("[data-ftp-timer]");
  var announce = run.querySelector("[data-ftp-practice-announce]");
  var status = setup.querySelector("[data-ftp-practice-status]");
  var buttons = {};
  all("[data-ftp-do]").forEach(function (b) { buttons[b.getAttribute("data-ftp-do")] = b; });
  var items = all(".ftp-practice-item", bank);
  var byId = {};
  items.forEach(function (item) { byId[item.getAttribute("data-question-id")] = item; });
  var state = null; // the interview in progress: {ids, seed, index, results, revealed, timer}

  function chosen(name) {
    return all('input[name="' + name + '"]:checked', setup).map(function (b) { return b.value; });
  }

  function matches(item, levels, categories, topics) {
    var itemTopics = item.getAttribute("data-topics").split(" ");
    return (!levels.length || levels.indexOf(item.getAttribute("data-level")) !== -1) &&
      (!categories.length || categories.indexOf(item.getAttribute("data-category")) !== -1) &&
      (!topics.length || topics.some(function (t) { return itemTopics.indexOf(t) !== -1; }));
  }

  function pool() {
    var levels = chosen("level"), categories = chosen("category"), topics = chosen("topic");
    var notGot = setup.elements.notgot && setup.elements.notgot.checked;
    return items.filter(function (item) { return matches(item, levels, categories, topics); })
      .map(function (item) { return item.getAttribute("data-question-id"); })
      .filter(function (id) { return !notGot || store.status(id) !== "got"; });
  }

  function describePool() {
    var n = pool().length;
    status.textContent = n === 0 ? "No question matches these choices." : n + " question" + (n === 1 ? "" : "s") + " match.";
  }

  /* The form <-> the address bar, so a link reproduces a set. */
  function paramsFromForm(seed) {
    var params = new URLSearchParams();
    ["level", "category", "topic"].forEach(function (name) {
      if (chosen(name).length) params.set(name, chosen(name).join(","));
    });
    params.set("count", setup.elements.count.value);
    if (setup.elements.timer.value !== "0") params.set("timer", setup.elements.timer.value);
    params.set("seed", seed);
    return params;
  }

  function formFromParams(params) {
    ["level", "category", "topic"].forEach(function (name) {
      var wanted = (params.get(name) || "").split(",");
      all('input[name="' + name + '"]', setup).forEach(function (b) { b.checked = wanted.indexOf(b.value) !== -1; });
    });
    if (params.get("count")) setup.elements.count.value = params.get("count");
    var timer = params.get("timer");
    // Compare values, never build a selector from the address: `?timer="` would throw.
    if (timer && Array.prototype.some.call(setup.elements.timer.options, function (o) { return o.value === timer; })) {
      setup.elements.timer.value = timer;
    }
    if (params.get("seed")) setup.elements.seed.value = params.get("seed").slice(0, 40);
  }

  var RUN_KEY = "ftp-practice-run"; // per tab: a reload resumes the interview in progress
  function keep() {
    try {
      window.sessionStorage.setItem(RUN_KEY, state ? JSON.stringify({ ids: state.ids, seed: state.seed, index: state.index, results: state.results }) : "");
    } catch (err) { /* not kept; a reload starts over */ }
  }

  function start(ids, seed, resumed) {
    state = { ids: ids, seed: seed, index: 0, results: [], revealed: {}, timer: null };
    if (resumed) { state.index = resumed.index; state.results = resumed.results; }
    setup.hidden = true;
    summary.hidden = true;
    run.hidden = false;
    show();
  }

  function stopTimer() {
    if (state && state.timer) window.clearInterval(state.timer);
    if (state) state.timer = null;
  }

  function startTimer() {
    var seconds = Number(setup.elements.timer.value);
    timerEl.hidden = !seconds;
    timerEl.classList.remove("ftp-timer--over");
    if (!seconds) return;
    var ends = Date.now() + seconds * 1000;
    function tick() {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      timerEl.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " left";
      if (left === 0) {
        stopTimer();
        timerEl.textContent = "Time is up";
        timerEl.classList.add("ftp-timer--over");
        announce.textContent = "Time is up for this question. Finish your sentence, then check the answer.";
      }
    }
    tick();
    state.timer = window.setInterval(tick, 250);
  }

  function sourceOf(id) {
    return byId[id].querySelector("a[data-ftp-source]").getAttribute("href");
  }

  // The hint, key points and first answer section come from the question's page (precached offline);
  // each bank entry is filled once, then cloned for every showing.
  function ready(id) {
    var item = byId[id];
    if (item.hasAttribute("data-ftp-filled")) return Promise.resolve();
    return questionPage(sourceOf(id)).then(function (page) {
      if (item.hasAttribute("data-ftp-filled")) return;
      var hint = hintOf(page);
      if (hint[0] && hint[0].tagName === "P") hint[0].prepend(el("strong", { text: "Hint." }), " ");
      var hintBox = item.querySelector('[data-ftp-part="hint"]');
      hintBox.append.apply(hintBox, hint);
      item.querySelector(".ftp-key-points").append(el("ul", {}, keyPointsOf(page).map(function (text) {
        return el("li", { text: text });
      })));
      var section = sectionOf(page, item.getAttribute("data-first-section"));
      var slot = item.querySelector("[data-ftp-section]");
      slot.replaceWith.apply(slot, section ? section.nodes : []);
      item.setAttribute("data-ftp-filled", "");
    });
  }

  function show() {
    stopTimer();
    var id = state.ids[state.index];
    var shown = state;
    keep();
    stage.replaceChildren();
    position.textContent = "Question " + (state.index + 1) + " of " + state.ids.length;
    ["hint", "answer", "got", "review"].forEach(function (name) { buttons[name].hidden = true; });
    announce.textContent = "";
    startTimer();
    ready(id).then(function () {
      if (state !== shown || state.ids[state.index] !== id) return; // moved on meanwhile
      render(id);
      var next = state.ids[state.index + 1];
      if (next) ready(next).catch(function () { /* retried when it is shown */ });
    }, function () {
      if (state !== shown) return;
      announce.textContent = "This question could not be loaded. Check your connection, then use “End the interview” and start again.";
    });
  }

  function render(id) {
    state.shownAt = Date.now(); // for the time-spent summary
    var card = byId[id].cloneNode(true);
    card.removeAttribute("data-question-id");
    card.removeAttribute("data-ftp-filled");
    card.setAttribute("data-ftp-current-question", id);
    var hint = card.querySelector('[data-ftp-part="hint"]');
    var answer = card.querySelector('[data-ftp-part="answer"]');
    hint.hidden = true;
    answer.hidden = true;
    // The key points become the self-grading checklist.
    all(".ftp-key-points li", answer).forEach(function (li, n) {
      var text = li.textContent.replace(/\s+/g, " ").trim();
      li.textContent = "";
      li.appendChild(el("label", {}, [el("input", { type: "checkbox", "data-ftp-point": String(n) }), " " + text]));
    });
    var heading = answer.querySelector(".ftp-key-points strong");
    if (heading) heading.textContent = "Did you mention…";
    stage.replaceChildren(card);
    buttons.hint.hidden = false;
    buttons.answer.hidden = false;
    stage.focus();
  }

  function reveal(part) {
    var node = stage.querySelector('[data-ftp-part="' + part + '"]');
    if (!node) return;
    node.hidden = false;
    buttons[part].hidden = true;
    if (part === "answer") {
      stopTimer();
      buttons.hint.hidden = true;
      stage.querySelector('[data-ftp-part="hint"]').hidden = false;
      buttons.got.hidden = false;
      buttons.review.hidden = false;
      buttons.got.focus();
    }
  }

  function grade(status) {
    if (buttons.got.hidden) return; // grade only once the answer is shown
    var id = state.ids[state.index];
    var points = all("input[data-ftp-point]:checked", stage).map(function (b) { return Number(b.getAttribute("data-ftp-point")); });
    store.grade(id, status === "got" ? GOOD : AGAIN, points); // the interview's two grades are FSRS's Good and Again
    state.results.push({ id: id, status: status, seconds: Math.round((Date.now() - state.shownAt) / 1000) });
    state.index += 1;
    if (state.index < state.ids.length) show();
    else finish();
  }

  function finish() {
    stopTimer();
    run.hidden = true;
    summary.hidden = false;
    var results = state.results;
    var got = results.filter(function (r) { return r.status === "got"; });
    var review = results.filter(function (r) { return r.status === "review"; });
    summary.querySelector("[data-ftp-score]").textContent = results.length === state.ids.length
      ? "You got " + got.length + " of " + results.length + "."
      : "You answered " + results.length + " of " + state.ids.length + " questions and got " + got.length + ".";
    var spent = results.reduce(function (sum, r) { return sum + (r.seconds || 0); }, 0);
    var clock = function (t) { return Math.floor(t / 60) + " min " + String(t % 60).padStart(2, "0") + " s"; };
    var time = summary.querySelector("[data-ftp-time-spent]");
    if (time) time.textContent = "Time spent: " + clock(spent) +
      (results.length ? " (" + clock(Math.round(spent / results.length)) + " per question on average)." : ".");
    function fill(list, entries) {
      list.replaceChildren.apply(list, entries.map(function (r) {
        var item = byId[r.id];
        return el("li", { "data-question-id": r.id }, [
          el("a", { href: sourceOf(r.id), text: item.querySelector("[data-ftp-question]").textContent.trim() }),
        ]);
      }));
      list.closest("div").hidden = entries.length === 0;
    }
    fill(summary.querySelector("[data-ftp-review-list]"), review);
    fill(summary.querySelector("[data-ftp-got-list]"), got);
    buttons.again.hidden = review.length === 0;
    var share = summary.querySelector("[data-ftp-share-link]");
    share.href = window.location.href;
    share.textContent = window.location.href;
    summary.querySelector("[data-ftp-home-link]").href = bank.getAttribute("data-home");
    state.reviewIds = review.map(function (r) { return r.id; });
    try { window.sessionStorage.removeItem(RUN_KEY); } catch (err) { /* nothing kept */ }
    summary.focus();
  }

  setup.addEventListener("change", describePool);
  setup.addEventListener("submit", function (event) {
    event.preventDefault();
    var ids = pool();
    if (!ids.length) {
      describePool();
      return;
    }
    var seed = setup.elements.seed.value.trim() || newSeed();
    setup.elements.seed.value = seed;
    var count = Math.max(1, Math.min(ids.length, parseInt(setup.elements.count.value, 10) || ids.length));
    setup.elements.count.value = String(count);
    window.history.replaceState(null, "", "?" + paramsFromForm(seed).toString());
    start(shuffled(ids, seed).slice(0, count), seed);
  });

  // "Due today" (docs/assets/study/due.js) tells which questions are due; practise them in a seeded order.
  var dueIds = [];
  var dueBox = document.querySelector("[data-ftp-due]");
  if (dueBox && buttons.due) {
    dueBox.addEventListener("ftp-due", function (event) {
      dueIds = event.detail.ids;
      buttons.due.hidden = dueIds.length === 0;
      buttons.due.textContent = "Practise the " + dueIds.length + " due question" + (dueIds.length === 1 ? "" : "s");
    });
    buttons.due.addEventListener("click", function () {
      var seed = newSeed();
      start(shuffled(dueIds, seed), seed);
    });
  }
  buttons.hint.addEventListener("click", function () { reveal("hint"); });
  buttons.answer.addEventListener("click", function () { reveal("answer"); });
  buttons.got.addEventListener("click", function () { grade("got"); });
  buttons.review.addEventListener("click", function () { grade("review"); });
  buttons.end.addEventListener("click", function () {
    if (!state.results.length) {
      stopTimer();
      run.hidden = true;
      setup.hidden = false;
      state = null;
      keep();
      return;
    }
    finish();
  });
  buttons.again.addEventListener("click", function () { start(state.reviewIds, state.seed); });
  buttons["new"].addEventListener("click", function () {
    summary.hidden = true;
    setup.elements.seed.value = "";
    setup.hidden = false;
    setup.querySelector('button[type="submit"]').focus();
  });

  document.addEventListener("keydown", function (event) {
    if (!state || run.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var typing = /^(TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable ||
      (target.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(target.type));
    if (typing) return;
    var action = { h: "hint", a: "answer", g: "got", r: "review" }[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation(); // keep Material's own shortcuts out of the interview
    if (action === "hint" || action === "answer") reveal(action);
    else grade(action);
  }, true);

  formFromParams(new URLSearchParams(window.location.search));
  var saved = null;
  try { saved = JSON.parse(window.sessionStorage.getItem(RUN_KEY) || "null"); } catch (err) { saved = null; }
  if (saved && Array.isArray(saved.ids) && saved.ids.every(function (id) { return byId[id]; }) &&
      Number.isInteger(saved.index) && saved.index >= 0 && saved.index < saved.ids.length && Array.isArray(saved.results)) {
    start(saved.ids, String(saved.seed), saved);
    return;
  }
  setup.hidden = false;
  describePool();
  showNotice(status, store);
}

