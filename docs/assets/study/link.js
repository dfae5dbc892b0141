// "Move my progress" links: the progress packed into a URL fragment (#progress=…), which browsers never send to
// the server. Pure (no DOM): the browser's own CompressionStream ("deflate-raw") and base64url, no library.
// Link format 1: "1." + base64url(deflate-raw(UTF-8 JSON)). The JSON packs the store's state (format
// ftp-study-progress, version 2) with, per question, only the newest review: the FSRS card already holds what
// the scheduler needs, the newest review's time decides a merge, and its answer hash tells a changed answer.
// Each entry is an array, with times as base-36 milliseconds, and the card's due date and last review left out
// when they follow from the review (last review = the review's time, due = that + scheduled days), as they do
// for every card this site schedules: about a fifth shorter than the plain JSON after compression.
export const PARAM = "progress";
export const LINK_VERSION = "1";
const FORMAT = "ftp-study-progress";
const VERSION = 2;
const DAY_MS = 86400000;
const NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "reps", "lapses", "learning_steps", "state"];

const iso = (ms) => new Date(ms).toISOString();

function packEntry(entry) {
  const card = entry.card;
  const review = entry.reviews[entry.reviews.length - 1];
  const at = review.at ? Date.parse(review.at) : NaN;
  const row = NUMBERS.map((name) => card[name]);
  row.push(review.rating, isNaN(at) ? 0 : at.toString(36), review.hash || 0, entry.points && entry.points.length ? entry.points : 0);
  const implied = !isNaN(at) && card.last_review === iso(at) && card.due === iso(at + card.scheduled_days * DAY_MS);
  if (!implied) row.push({ due: card.due, last_review: card.last_review });
  return row;
}

function unpackEntry(row) {
  if (!Array.isArray(row) || row.length < NUMBERS.length + 4) return null;
  const card = {};
  NUMBERS.forEach((name, i) => (card[name] = row[i]));
  const [rating, at36, hash, points, dates] = row.slice(NUMBERS.length);
  const at = typeof at36 === "string" ? parseInt(at36, 36) : NaN;
  const when = Number.isFinite(at) && Math.abs(at) < 8.64e15 ? iso(at) : null;
  if (dates && typeof dates === "object") {
    card.due = dates.due;
    card.last_review = dates.last_review;
  } else {
    card.last_review = when;
    card.due = when && Number.isFinite(card.scheduled_days) ? iso(at + card.scheduled_days * DAY_MS) : null;
  }
  const entry = { card, reviews: [{ rating, at: when, hash: hash || null }] };
  if (Array.isArray(points)) entry.points = points;
  return entry;
}

const mapEntries = (map, fn) => {
  const out = Object.create(null); // an id such as "__proto__" is just a key (the store drops such ids)
  for (const [id, value] of Object.entries(map && typeof map === "object" ? map : {})) out[id] = fn(value);
  return out;
};

/** `state` (an export) as a link packs it (see above). */
export function pack(state) {
  const packed = { p: LINK_VERSION, q: mapEntries(state.questions, packEntry) };
  if (state.aside && Object.keys(state.aside).length) packed.a = mapEntries(state.aside, packEntry);
  return packed;
}

/** A packed state back as the store's format (to be validated by the store), or null if it is not one. */
export function unpack(packed) {
  if (!packed || typeof packed !== "object" || packed.p !== LINK_VERSION || !packed.q || typeof packed.q !== "object") {
    return null;
  }
  return { format: FORMAT, version: VERSION, questions: mapEntries(packed.q, unpackEntry), aside: mapEntries(packed.a, unpackEntry) };
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

export const MAX_BYTES = 4 * 1024 * 1024; // far above any real progress; a hostile link cannot fill the memory

/** `bytes` through a (de)compression stream, giving up past MAX_BYTES. */
async function through(stream, bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error("too large"); // told apart in decodeProgress
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The fragment value (without "#progress=") that carries `state`. */
export async function encodeProgress(state) {
  const json = new TextEncoder().encode(JSON.stringify(pack(state)));
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
    return { error: err.message === "too large"
      ? "it unpacks to more than 4 MB, far more than any progress"
      : "it is incomplete or damaged (it may have been cut short when it was copied)" };
  }
  let state;
  try {
    state = unpack(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch (err) {
    state = null;
  }
  return state ? { state } : { error: "it is not a progress link from this site (its content is not progress)" };
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
