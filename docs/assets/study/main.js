// Study mode, the entry point (a module, deferred by nature): loads the progress, then only the widgets this
// page has. Question pages grade with FSRS; home and listings count and filter; home also has the due queue,
// export/import/reset and the study plan; practice/ the mock interview and the due queue. Without JavaScript
// the pages read and print as before, and the controls stay hidden.
import { all, readHashes, refreshAll } from "./dom.js";
import { KEY, store } from "./store.js";

/** Questions of a due queue, read from the home list or the practice bank. */
function queueItems(nodes) {
  return nodes.map((node) => {
    const links = all("a[href]", node);
    const title = node.querySelector("[data-ftp-question]") || links[0];
    return {
      id: node.getAttribute("data-question-id"),
      level: node.getAttribute("data-level"),
      href: links[links.length - 1].getAttribute("href"), // on practice/, the last link is "The full answer"
      title: title.textContent.replace(/\s+/g, " ").trim(),
    };
  });
}

/** Every question id the page lists in full (home and practice/), or null elsewhere. */
function knownIds() {
  const nodes = all("[data-ftp-list=home] [data-question-id], .ftp-practice-item[data-question-id]");
  return nodes.length ? new Set(nodes.map((n) => n.getAttribute("data-question-id"))) : null;
}

async function init() {
  readHashes(store);
  store.load();
  for (const node of all("[data-ftp-needs-js]")) node.hidden = true;
  const mount = document.querySelector(".ftp-study[data-question-id]");
  if (mount) (await import("./question.js")).questionWidget(mount);
  const panels = all("[data-ftp-list]");
  if (panels.length) {
    const { listWidget } = await import("./lists.js");
    panels.forEach(listWidget);
  }
  const home = document.querySelector("[data-ftp-list=home]");
  if (home) (await import("./tools.js")).progressTools(home);
  const setup = document.querySelector("[data-ftp-practice-setup]");
  if (setup) (await import("./practice.js")).practice(setup);
  const due = document.querySelector("[data-ftp-due]");
  if (due) {
    const nodes = home ? all("[data-question-id]", home) : all(".ftp-practice-item[data-question-id]");
    (await import("./due.js")).dueQueue(due, queueItems(nodes));
  }
  const plan = document.querySelector("[data-ftp-plan]");
  if (plan && home) (await import("./plan-view.js")).planView(plan, all("[data-question-id]", home).map((n) => n.getAttribute("data-question-id")));
  // Another tab changed the progress: show the same marks here.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) {
      store.load();
      refreshAll();
    }
  });
  document.dispatchEvent(new CustomEvent("ftp-study-ready"));
}

// For docs/assets/study-next.js (marks, clearing one, grading keys), the tests and a later "move my progress" link.
window.ftpStudy = {
  storageKey: KEY,
  ready: false,
  status: (id) => store.status(id),
  due: (id) => store.due(id),
  entry: (id) => store.entry(id),
  clear: (id) => {
    const saved = store.clear(id);
    refreshAll();
    return saved;
  },
  refresh: refreshAll,
  exportState: () => store.exportState(),
  mergeState: (obj) => {
    const known = knownIds();
    if (!known) return { error: "progress can be merged on the home page or the mock interview, which list every question" };
    const report = store.mergeState(obj, known);
    if (report.saved) refreshAll();
    return report;
  },
};

window.ftpStudy.whenReady = init().then(() => {
  window.ftpStudy.ready = true;
});
