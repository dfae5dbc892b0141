// Study mode's shared start: register the answer hashes the page carries, load the progress, hide the
// "needs JavaScript" notes, build the page's widgets, follow other tabs, and expose window.ftpStudy.
// Each kind of page has its own small entry module (page-*.js, chosen by the front matter's `study:` value in
// overrides/main.html) that imports only the widgets it shows. Module scripts are deferred and run in order,
// so docs/assets/study-next.js, loaded after, finds the widgets built.
import { all, readHashes, refreshAll } from "./dom.js";
import { KEY, store } from "./store.js";
import { openProgressLink } from "./link-open.js";

/** Every question id the page lists in full (home and practice/), or null elsewhere. */
function knownIds() {
  const nodes = all("[data-ftp-list=home] [data-question-id], .ftp-practice-item[data-question-id]");
  return nodes.length ? new Set(nodes.map((n) => n.getAttribute("data-question-id"))) : null;
}

/** Questions of a due queue ({id, level, href, title}), read from the home list or the practice bank. */
export function queueItems(nodes) {
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

// For docs/assets/study-next.js (marks, clearing one), the tests and a later "move my progress" link.
window.ftpStudy = {
  storageKey: KEY,
  status: (id) => store.status(id),
  due: (id) => store.due(id),
  entry: (id) => store.entry(id),
  clear: (id) => {
    const saved = store.clear(id);
    refreshAll();
    return saved;
  },
  refresh: refreshAll,
  /** The whole progress, as an export file carries it (format ftp-study-progress, version 2). */
  exportState: () => store.exportState(),
  /** Merge progress (v1 or v2): per question the most recent review wins; unknown ids are kept aside.
   *  Returns {error} or {saved, added, updated, kept, unknown}. Needs a page that lists every question. */
  mergeState: (obj) => {
    const known = knownIds();
    if (!known) return { error: "progress can be merged on the home page or the mock interview, which list every question" };
    const report = store.mergeState(obj, known);
    if (report.saved) refreshAll();
    return report;
  },
};

export function boot(build) {
  readHashes(store);
  store.load();
  for (const node of all("[data-ftp-needs-js]")) node.hidden = true;
  build();
  // A "move my progress" link opened on another study page goes on to the home page, which merges it.
  if (!document.querySelector("[data-ftp-travel]")) openProgressLink();
  // Another tab changed the progress: show the same marks here.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) {
      store.load();
      refreshAll();
    }
  });
}
