// A glossary term carries its definition only where a page first uses it (macros/pages/terms.py):
// the definitions of a document, by term, for its later uses (glossary popups, copied answer text).

/** term text -> definition, from the `abbr[title]` elements of `root` (the first use wins). */
export function termDefinitions(root) {
  const pairs = [...root.querySelectorAll("abbr[title]")].map((t) => [t.textContent, t.getAttribute("title")]);
  return new Map(pairs.reverse());
}
