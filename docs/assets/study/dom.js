// Small DOM helpers shared by the study widgets, and the "progress changed" broadcast between them.

/** An element with attributes (`text` sets its text, `className` its class) and children (nodes or text). */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

export function all(selector, root = document) {
  return [...root.querySelectorAll(selector)];
}

export const STATUS_LABEL = { got: "Got it", review: "Review again" };

/** A question's badge: "Got it" or "Review again" (nothing for a question not studied yet). */
export function badge(status) {
  if (status === "new") return null;
  return el("span", { className: "ftp-badge ftp-badge--" + status, "data-ftp-badge": status, text: STATUS_LABEL[status] });
}

/** Show the store's notice (storage blocked, unreadable) in `target`. */
export function showNotice(target, store) {
  if (target && store.notice) {
    target.textContent = store.notice;
    target.classList.add("ftp-study-message--warning");
  }
}

const refreshers = []; // every widget registers how to redraw itself after progress changes

export function onRefresh(fn) {
  refreshers.push(fn);
}

export function refreshAll() {
  for (const fn of refreshers) fn();
}

/** The answer hashes (and change dates) the page's markup carries, registered with the store. */
export function readHashes(store, root = document) {
  for (const node of all("[data-question-id][data-answer-hash]", root)) {
    store.hashes[node.getAttribute("data-question-id")] = node.getAttribute("data-answer-hash");
    if (node.hasAttribute("data-answer-changed")) {
      store.changedOn[node.getAttribute("data-question-id")] = node.getAttribute("data-answer-changed");
    }
  }
}
