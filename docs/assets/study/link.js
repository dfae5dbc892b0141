// "Move my progress" links: the progress packed into a URL fragment (#progress=…), which browsers never send to
// the server. Pure (no DOM): the browser's own CompressionStream ("deflate-raw") and base64url, no library.
// Link format 1: "1." + base64url(deflate-raw(UTF-8 JSON)). The JSON is the store's state (format
// ftp-study-progress, version 2) with, per question, only the newest review: the FSRS card already holds what
// the scheduler needs, the newest review's time decides a merge, and its answer hash tells a changed answer.
export const PARAM = "progress";
export const LINK_VERSION = "1";

/** A copy of `state` (an export) as a link carries it: per entry the card, the newest review and the ticks. */
export function slim(state) {
  const cut = (map) => {
    const out = {};
    for (const [id, entry] of Object.entries(map || {})) {
      out[id] = { card: entry.card, reviews: entry.reviews.slice(-1) };
      if (entry.points && entry.points.length) out[id].points = entry.points;
    }
    return out;
  };
  const packed = { format: state.format, version: state.version, questions: cut(state.questions) };
  const aside = cut(state.aside);
  if (Object.keys(aside).length) packed.aside = aside;
  return packed;
}

function toBase64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The fragment value (without "#progress=") that carries `state`. */
export async function encodeProgress(state) {
  const json = new TextEncoder().encode(JSON.stringify(slim(state)));
  return LINK_VERSION + "." + toBase64url(await through(new CompressionStream("deflate-raw"), json));
}

/** The fragment value of `hash` (location.hash) when it carries progress, else null. */
export function progressParam(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  return params.has(PARAM) ? params.get(PARAM) : null;
}

/** Read a fragment value back: {state} (still to be validated by the store) or {error} saying what is wrong. */
export async function decodeProgress(value) {
  const dot = value.indexOf(".");
  const version = dot < 0 ? "" : value.slice(0, dot);
  if (version !== LINK_VERSION) {
    return { error: dot < 0 || !/^\d+$/.test(version)
      ? "it is not a progress link from this site"
      : "it was made by a different version of the site (link format " + version + ")" };
  }
  let bytes;
  try {
    bytes = await through(new DecompressionStream("deflate-raw"), fromBase64url(value.slice(dot + 1)));
  } catch (err) {
    return { error: "it is incomplete or damaged (it may have been cut short when it was copied)" };
  }
  try {
    return { state: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch (err) {
    return { error: "it is damaged (its content is not readable progress)" };
  }
}

/** The newest review time among a state's questions, or null. */
export function newestReview(state) {
  let best = null;
  for (const entry of Object.values((state && state.questions) || {})) {
    const reviews = (entry && Array.isArray(entry.reviews)) ? entry.reviews : [];
    const at = reviews.length ? Date.parse(reviews[reviews.length - 1].at) : NaN;
    if (!isNaN(at) && (best === null || at > best)) best = at;
  }
  return best === null ? null : new Date(best);
}

/** The link that carries `state`: `base` (the home page's address) + "#progress=" + the packed state. */
export async function progressLink(base, state) {
  return base + "#" + PARAM + "=" + (await encodeProgress(state));
}

/** `state` as one or more links of at most `limit` characters, each a complete link for some of the questions
 *  (a merge is per question, so the parts can be opened in any order). Ids kept aside travel in the first part. */
export async function splitLinks(base, state, limit) {
  const ids = Object.keys(state.questions || {});
  for (let count = 1; count <= Math.max(1, ids.length); count += 1) {
    const size = Math.ceil(ids.length / count);
    const links = [];
    for (let part = 0; part < count; part += 1) {
      const questions = {};
      for (const id of ids.slice(part * size, (part + 1) * size)) questions[id] = state.questions[id];
      links.push(await progressLink(base, { ...state, questions, aside: part === 0 ? state.aside : {} }));
    }
    if (links.every((link) => link.length <= limit)) return links;
  }
  return null; // one question alone does not fit
}
