// The parts of a question that the mock interview and interviewer mode show (hint, key points, an answer
// section, the follow-ups), read from the question's own built page. That page is the one copy of the answer in the offline app's precache,
// so practice/ and interview/ carry no second copy of the bank in their HTML. Each page is fetched once.
import { termDefinitions } from "./terms.js";

const pages = new Map(); // absolute URL -> Promise<Document>

/** The question page at `url` (relative to this page), parsed; fetched once, retried after a failure. */
export function questionPage(url) {
  const address = new URL(url, document.baseURI).href;
  if (!pages.has(address)) {
    const loading = fetch(address)
      .then((response) => {
        if (!response.ok) throw new Error(`${address}: HTTP ${response.status}`);
        return response.text();
      })
      .then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        return { doc, base: address, terms: termDefinitions(doc) };
      });
    loading.catch(() => pages.delete(address));
    pages.set(address, loading);
  }
  return pages.get(address);
}

/** A copy for this document: no ids (they would clash here), links and sources absolute to their page,
 * every glossary term with its definition. */
function adopt(node, { base, terms }) {
  const copy = document.importNode(node, true);
  if (copy.nodeType !== Node.ELEMENT_NODE) return copy;
  for (const el of [copy, ...copy.querySelectorAll("*")]) {
    el.removeAttribute("id");
    if (el.tagName === "ABBR" && !el.hasAttribute("title") && terms.has(el.textContent)) el.setAttribute("title", terms.get(el.textContent));
    for (const name of ["href", "src"]) {
      const value = el.getAttribute(name);
      if (value !== null) el.setAttribute(name, new URL(value, base).href);
    }
  }
  return copy;
}

/** The hint's content (its <details> without the summary). */
export function hintOf(page) {
  const details = page.doc.querySelector("details#hint");
  return details ? [...details.children].filter((n) => n.tagName !== "SUMMARY").map((n) => adopt(n, page)) : [];
}

/** The key points as plain text, in order. */
export function keyPointsOf({ doc }) {
  return [...doc.querySelectorAll("details#answer .ftp-key-points li")].map((li) => li.textContent.replace(/\s+/g, " ").trim());
}

// Drawings, charts and the calculator need their page's scripts: the question page shows them.
const NOT_COPIED = "figure, [class^='ftp-calc'], .ftp-stack, .ftp-answer-version";

/** The answer section under the heading `#anchor`: its heading text and its blocks up to the next heading. */
export function sectionOf(page, anchor) {
  const heading = page.doc.getElementById(anchor);
  if (!heading) return null;
  const nodes = [];
  for (let n = heading.nextElementSibling; n && !/^H[1-2]$/.test(n.tagName); n = n.nextElementSibling) {
    if (!n.matches(NOT_COPIED)) nodes.push(adopt(n, page));
  }
  return { heading: heading.textContent.trim(), nodes };
}

/** The follow-ups, in order: each one's question (text) and its answer's blocks. */
export function followUpsOf(page) {
  return [...page.doc.querySelectorAll("details#answer .ftp-followup-item")].map((item) => {
    const blocks = [...item.children].map((n) => adopt(n, page));
    const lead = blocks[0]?.querySelector(":scope > strong:first-child");
    const question = lead ? lead.textContent.trim() : "";
    if (lead) {
      lead.remove();
      const first = blocks[0].firstChild;
      if (first?.nodeType === Node.TEXT_NODE) first.textContent = first.textContent.replace(/^\s+/, "");
      if (!blocks[0].textContent.trim() && !blocks[0].children.length) blocks.shift();
    }
    return { question, blocks };
  });
}
