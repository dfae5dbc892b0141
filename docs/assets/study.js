/* Study mode: self-test on question pages, progress and the "still to review" filter on home and
 * listing pages, and the mock interview (practice/). Plain JavaScript, no dependencies, nothing sent
 * anywhere: progress lives in this browser's localStorage.
 *
 * Loaded (deferred) only on pages whose front matter says `study: true` (overrides/main.html). Every
 * piece is an enhancement of markup that the templates already render: without this script the pages
 * stay readable and printable, and the study controls stay hidden.
 */
(function () {
  "use strict";

  // ---- progress store ------------------------------------------------------------------------------

  var KEY = "ftp-study"; // localStorage key; its value carries its own format name and version
  var FORMAT = "ftp-study-progress";
  var VERSION = 1;
  var STATUS_LABEL = { got: "Got it", review: "Review again" };
  var ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function empty() {
    // A null-prototype map: a question id such as "constructor" is just a key, never Object's own.
    return { format: FORMAT, version: VERSION, questions: Object.create(null) };
  }

  function has(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key);
  }

  /* A mark's time in milliseconds, for comparing marks; a missing or unparsable date is the oldest. */
  function markTime(entry) {
    var t = entry && typeof entry.updated === "string" ? Date.parse(entry.updated) : NaN;
    return isNaN(t) ? -Infinity : t;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Check data read from storage or from an imported file. Returns {data} or {error}; entries that are
     not understood (unknown status, malformed id) are dropped, never trusted. */
  function validate(raw) {
    if (!isObject(raw) || raw.format !== FORMAT) {
      return { error: "it is not a progress file from this site" };
    }
    if (raw.version !== VERSION) {
      return { error: "it was written by a different version of the site (format version " + String(raw.version) + ")" };
    }
    if (!isObject(raw.questions)) {
      return { error: "its list of questions is missing" };
    }
    var data = empty();
    Object.keys(raw.questions).forEach(function (id) {
      var entry = raw.questions[id];
      if (!ID_PATTERN.test(id) || !isObject(entry) || !STATUS_LABEL.hasOwnProperty(entry.status)) return;
      var time = markTime(entry);
      var clean = { status: entry.status, updated: time === -Infinity ? "" : new Date(time).toISOString() };
      if (Array.isArray(entry.points)) {
        clean.points = entry.points.filter(function (n) { return Number.isInteger(n) && n >= 0 && n < 50; });
      }
      data.questions[id] = clean;
    });
    return { data: data };
  }

  var store = {
    data: empty(),
    notice: "", // shown on every study widget of the page when storage could not be used
    unreadable: null, // the raw value we could not read; backed up before it is overwritten

    load: function () {
      var raw;
      this.notice = "";
      this.unreadable = null;
      try {
        raw = window.localStorage.getItem(KEY);
      } catch (err) {
        this.data = empty();
        this.notice = "This browser does not let the site store progress (storage is blocked), so marks will not be kept.";
        return;
      }
      if (raw === null) {
        this.data = empty();
        return;
      }
      var parsed;
      try {
        parsed = JSON.parse(raw);
      } catch (err) {
        parsed = undefined;
      }
      var result = validate(parsed);
      if (result.error) {
        this.data = empty();
        this.unreadable = raw;
        this.notice = "Progress saved in this browser could not be read (" + result.error + ") and was ignored. " +
          "Marking a question starts afresh; the unreadable copy is kept aside.";
        return;
      }
      this.data = result.data;
    },

    save: function () {
      try {
        if (this.unreadable !== null) {
          var backup = this.unreadable;
          this.unreadable = null; // try once: a copy too large to keep must not block every later save
          try {
            window.localStorage.setItem(KEY + ".unreadable", backup);
          } catch (err) {
            this.notice = "The unreadable progress was too large to keep aside and was replaced by your new marks.";
          }
        }
        window.localStorage.setItem(KEY, JSON.stringify(this.data));
        return true;
      } catch (err) {
        this.notice = "Progress could not be saved in this browser (storage is full or blocked).";
        return false;
      }
    },

    status: function (id) {
      return has(this.data.questions, id) ? this.data.questions[id].status : "new";
    },

    entry: function (id) {
      return has(this.data.questions, id) ? this.data.questions[id] : null;
    },

    mark: function (id, status, points) {
      var entry = { status: status, updated: new Date().toISOString() };
      if (points) entry.points = points;
      this.data.questions[id] = entry;
      return this.save();
    },

    clear: function (id) {
      delete this.data.questions[id];
      return this.save();
    },

    setPoints: function (id, points) {
      var entry = this.entry(id);
      if (!entry) return; // ticks are kept with a grade; before grading they live in the page only
      entry.points = points;
      this.save();
    },

    reset: function () {
      this.data = empty();
      this.unreadable = null;
      try {
        window.localStorage.removeItem(KEY);
      } catch (err) {
        /* nothing stored, nothing to remove */
      }
      this.notice = "";
    },

    /* Merge imported progress: for each question the more recent mark wins (dates compared as times).
       Returns {changed, saved}; nothing is kept in memory unless it was saved. */
    merge: function (incoming) {
      var before = JSON.stringify(this.data);
      var changed = 0;
      var mine = this.data.questions;
      Object.keys(incoming.questions).forEach(function (id) {
        var theirs = incoming.questions[id];
        if (!has(mine, id) || markTime(theirs) >= markTime(mine[id])) {
          mine[id] = theirs;
          changed += 1;
        }
      });
      var saved = this.save();
      if (!saved) this.data = validate(JSON.parse(before)).data;
      return { changed: changed, saved: saved };
    },
  };

  // ---- small DOM helpers ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function badge(status) {
    if (status === "new") return null;
    return el("span", { className: "ftp-badge ftp-badge--" + status, "data-ftp-badge": status, text: STATUS_LABEL[status] });
  }

  function showNotice(target) {
    if (target && store.notice) {
      target.textContent = store.notice;
      target.classList.add("ftp-study-message--warning");
    }
  }

  var refreshers = []; // every widget registers how to redraw itself after progress changes

  function refreshAll() {
    refreshers.forEach(function (fn) { fn(); });
  }

  // ---- question pages: grade yourself, with the key points as a checklist --------------------------

  function questionWidget(mount) {
    var id = mount.getAttribute("data-question-id");
    var answer = document.querySelector("details.ftp-answer");
    var points = all(".ftp-key-points li", answer || document).map(function (li) {
      return li.textContent.replace(/\s+/g, " ").trim();
    });
    var ticked = (store.entry(id) && store.entry(id).points) || [];

    var title = el("p", { className: "ftp-self-test-title" }, [el("strong", { text: "Grade yourself" })]);
    var current = el("span", { className: "ftp-self-test-current", "data-ftp-current": "" });
    title.appendChild(document.createTextNode(" "));
    title.appendChild(current);
    var intro = el("p", { className: "ftp-help", "data-ftp-intro": "",
      text: "Answer out loud first, then open the answer above to grade yourself." });
    var boxes = points.map(function (text, n) {
      var tick = el("input", { type: "checkbox", "data-ftp-point": String(n) });
      tick.checked = ticked.indexOf(n) !== -1;
      return el("label", {}, [tick, " " + text]);
    });
    var checklist = el("fieldset", { className: "ftp-checklist" }, [el("legend", { text: "Did I mention…" })].concat(boxes));
    var got = el("button", { type: "button", className: "md-button md-button--primary", "data-ftp-grade": "got", text: "Got it" });
    var review = el("button", { type: "button", className: "md-button", "data-ftp-grade": "review", text: "Review again" });
    var grading = el("div", { className: "ftp-grading", "data-ftp-grading": "" }, [checklist, el("p", { className: "ftp-grade-buttons" }, [got, " ", review])]);
    var message = el("p", { className: "ftp-study-message", role: "status", "data-ftp-message": "" });
    mount.appendChild(el("section", { className: "ftp-self-test ftp-study-ui", "aria-label": "Grade yourself" }, [title, intro, grading, message]));

    function tickedPoints() {
      return all("input[data-ftp-point]", checklist).filter(function (b) { return b.checked; })
        .map(function (b) { return Number(b.getAttribute("data-ftp-point")); });
    }

    function draw() {
      var status = store.status(id);
      current.textContent = status === "new" ? "(not graded yet)" : "";
      var b = badge(status);
      if (b) current.appendChild(b);
      var open = !answer || answer.open;
      grading.hidden = !open;
      intro.hidden = open;
      got.setAttribute("aria-pressed", String(status === "got"));
      review.setAttribute("aria-pressed", String(status === "review"));
    }

    function grade(status) {
      var saved = store.mark(id, status, tickedPoints());
      message.classList.remove("ftp-study-message--warning");
      message.textContent = saved
        ? "Saved: " + STATUS_LABEL[status] + ". Your progress is on the home page."
        : store.notice;
      draw();
      document.dispatchEvent(new CustomEvent("ftp-study-change", { detail: { id: id, status: status } }));
    }

    got.addEventListener("click", function () { grade("got"); });
    review.addEventListener("click", function () { grade("review"); });
    checklist.addEventListener("change", function () { store.setPoints(id, tickedPoints()); });
    if (answer) answer.addEventListener("toggle", draw);
    refreshers.push(draw);
    draw();
    showNotice(message);
  }

  // ---- home and listing pages: counts and the "still to review" filter -----------------------------

  var FILTER_KEY = "ftp-study-filter"; // per tab: the filter follows the reader from page to page

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

  function counts(ids) {
    var c = { got: 0, review: 0, new: 0 };
    ids.forEach(function (id) { c[store.status(id)] += 1; });
    return c;
  }

  function summaryText(c, total) {
    return c.got + " / " + total + " got it · " + c.review + " to review again · " + c.new + " not studied yet";
  }

  function listWidget(panel) {
    var isHome = panel.getAttribute("data-ftp-list") === "home";
    var rows = isHome ? all("[data-question-id]", panel) : all(".ftp-row[data-question-id]");
    var ids = rows.map(function (row) { return row.getAttribute("data-question-id"); });
    var summary = panel.querySelector("[data-ftp-summary]");
    var filter = panel.querySelector("[data-ftp-filter]");
    var message = panel.querySelector("[data-ftp-message]");
    var empty = el("p", { className: "ftp-help", "data-ftp-all-done": "", text: "Nothing left to review here: every question is marked “Got it”." });
    empty.hidden = true;
    if (filter) filter.closest("p").after(empty);

    function draw() {
      var c = counts(ids);
      summary.textContent = summaryText(c, ids.length);
      rows.forEach(function (row) {
        var status = store.status(row.getAttribute("data-question-id"));
        all("[data-ftp-badge]", row).forEach(function (b) { b.remove(); });
        var b = badge(status);
        var slot = row.querySelector(".ftp-meta");
        if (b && slot) slot.insertBefore(b, slot.firstChild);
        else if (b) row.appendChild(b);
        row.setAttribute("data-ftp-status", status);
        row.hidden = Boolean(filter && filter.checked && status === "got");
        // and its entry in Material's table of contents, where a click would lead nowhere
        all('.md-nav--secondary a[href="#' + row.getAttribute("data-question-id") + '"]').forEach(function (a) {
          a.closest("li").hidden = row.hidden;
        });
      });
      empty.hidden = !(filter && filter.checked && c.got === ids.length);
      all("[data-ftp-count]", panel).forEach(function (cell) {
        var parts = cell.getAttribute("data-ftp-count").split(":"); // kind:id:status
        var members = rows.filter(function (row) { return row.getAttribute("data-" + parts[0]) === parts[1]; })
          .map(function (row) { return row.getAttribute("data-question-id"); });
        cell.textContent = String(counts(members)[parts[2]]);
      });
    }

    if (filter) {
      filter.checked = filterWanted();
      var details = filter.closest("details");
      if (details && filter.checked) details.open = true;
      filter.addEventListener("change", function () {
        rememberFilter(filter.checked);
        draw();
      });
    }
    if (isHome) progressTools(panel, message);
    refreshers.push(draw);
    panel.hidden = false;
    draw();
    showNotice(message);
  }

  /* Export, import and reset, on the home page. */
  function progressTools(panel, message) {
    var fileInput = panel.querySelector("[data-ftp-import-file]");

    function say(text, warning) {
      message.textContent = text;
      message.classList.toggle("ftp-study-message--warning", Boolean(warning));
    }

    panel.querySelector('[data-ftp-action="export"]').addEventListener("click", function () {
      var payload = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), questions: store.data.questions };
      var blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: "fine-tuning-interview-progress-" + payload.exported.slice(0, 10) + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      say("Exported progress for " + Object.keys(store.data.questions).length + " question(s). Import the file on another device to carry on there.");
    });

    panel.querySelector('[data-ftp-action="import"]').addEventListener("click", function () {
      fileInput.value = "";
      fileInput.click();
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var parsed;
        try {
          parsed = JSON.parse(String(reader.result));
        } catch (err) {
          say("“" + file.name + "” could not be imported: it is not a JSON file. Nothing was changed.", true);
          return;
        }
        var result = validate(parsed);
        if (result.error) {
          say("“" + file.name + "” could not be imported: " + result.error + ". Nothing was changed.", true);
          return;
        }
        var known = Object.create(null);
        all("[data-question-id]", panel).forEach(function (row) { known[row.getAttribute("data-question-id")] = true; });
        var unknown = Object.keys(result.data.questions).filter(function (id) { return !has(known, id); });
        unknown.forEach(function (id) { delete result.data.questions[id]; });
        var skipped = unknown.length ? " " + unknown.length + " entr" + (unknown.length === 1 ? "y" : "ies") +
          " for questions this site does not have (" + unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? ", …" : "") +
          ") were skipped." : "";
        var outcome = store.merge(result.data);
        if (!outcome.saved) {
          say("“" + file.name + "” could not be imported: this browser would not save it (storage is full or blocked). Nothing was changed.", true);
          return;
        }
        store.notice = "";
        refreshAll();
        say("Imported “" + file.name + "”: progress for " + outcome.changed + " question(s) updated (the more recent mark wins)." + skipped, Boolean(unknown.length));
      };
      reader.onerror = function () { say("“" + file.name + "” could not be read. Nothing was changed.", true); };
      reader.readAsText(file);
    });

    panel.querySelector('[data-ftp-action="reset"]').addEventListener("click", function () {
      if (!window.confirm("Forget every “Got it” and “Review again” mark in this browser? Export first if you may want them back.")) {
        say("Nothing was reset.");
        return;
      }
      store.reset();
      refreshAll();
      say("Progress reset: every question is back to “not studied yet”.");
    });
  }

  // ---- the mock interview (practice/) --------------------------------------------------------------

  /* Seeded order: FNV-1a hash of the seed, then mulberry32, then a Fisher-Yates shuffle. Kept small and
     exact (32-bit integer maths) so the same seed serves the same questions in every browser. */
  function hashSeed(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  function mulberry32(state) {
    return function () {
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, seed) {
    var out = list.slice();
    var random = mulberry32(hashSeed(seed));
    for (var i = out.length - 1; i > 0; i -= 1) {
      var j = Math.floor(random() * (i + 1));
      var tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  function newSeed() {
    var bytes = new Uint32Array(1);
    window.crypto.getRandomValues(bytes);
    return bytes[0].toString(36);
  }

  function practice(setup) {
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

    function show() {
      stopTimer();
      var id = state.ids[state.index];
      keep();
      state.shownAt = Date.now(); // for the time-spent summary
      var card = byId[id].cloneNode(true);
      card.removeAttribute("data-question-id");
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
      position.textContent = "Question " + (state.index + 1) + " of " + state.ids.length;
      buttons.hint.hidden = false;
      buttons.answer.hidden = false;
      buttons.got.hidden = true;
      buttons.review.hidden = true;
      announce.textContent = "";
      startTimer();
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
      store.mark(id, status, points);
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
          var links = all('[data-ftp-part="answer"] a[href]', item); // the last one is "The full answer"
          return el("li", { "data-question-id": r.id }, [
            el("a", { href: links[links.length - 1].getAttribute("href"), text: item.querySelector("[data-ftp-question]").textContent.trim() }),
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
    showNotice(status);
  }

  // ---- start -------------------------------------------------------------------------------------

  function init() {
    store.load();
    all("[data-ftp-needs-js]").forEach(function (node) { node.hidden = true; });
    all(".ftp-study[data-question-id]").forEach(questionWidget);
    all("[data-ftp-list]").forEach(listWidget);
    var setup = document.querySelector("[data-ftp-practice-setup]");
    if (setup) practice(setup);
    // Another tab changed the progress: show the same marks here.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) {
        store.load();
        refreshAll();
      }
    });
  }

  // Exposed for the tests and the curious: the seeded order of the mock interview.
  // docs/assets/study-next.js reads marks and clears one through status / clear / refresh.
  window.ftpStudy = {
    shuffled: shuffled, hashSeed: hashSeed, storageKey: KEY,
    status: function (id) { return store.status(id); },
    clear: function (id) { var saved = store.clear(id); refreshAll(); return saved; },
    refresh: refreshAll
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
