// Progress in this browser's localStorage (key "ftp-study"), format "ftp-study-progress" version 2: per question
// the FSRS card, the last reviews (rating, time, the answer hash graded against) and the ticked key points.
// Version 1 (Got it / Review again) is migrated on load and on import. Nothing is ever sent anywhere.
import { isCard, review } from "./schedule.js";

export const KEY = "ftp-study";
export const FORMAT = "ftp-study-progress";
export const VERSION = 2;
export const HISTORY = 20; // reviews kept per question (the newest last)
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HASH_PATTERN = /^[0-9a-f]{16}$/;
const V1_RATING = { got: 3, review: 1 }; // Got it -> Good, Review again -> Again

const has = (map, key) => Object.prototype.hasOwnProperty.call(map, key);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const time = (iso) => (typeof iso === "string" ? Date.parse(iso) : NaN);

/** An empty state. Null-prototype maps: a question id such as "constructor" is just a key. */
export function empty() {
  return { format: FORMAT, version: VERSION, questions: Object.create(null), aside: Object.create(null) };
}

/** The time (ms) of an entry's last review; unknown is the oldest. */
export function lastReviewTime(entry) {
  const last = entry && entry.reviews && entry.reviews[entry.reviews.length - 1];
  const t = last ? time(last.at) : NaN;
  return isNaN(t) ? -Infinity : t;
}

function cleanPoints(points) {
  return Array.isArray(points) ? points.filter((n) => Number.isInteger(n) && n >= 0 && n < 50) : undefined;
}

/** A v2 entry checked field by field, or null when it cannot be trusted. */
function cleanEntry(entry) {
  if (!isObject(entry) || !isCard(entry.card) || !Array.isArray(entry.reviews)) return null;
  const reviews = entry.reviews
    .filter((r) => isObject(r) && [1, 2, 3, 4].includes(r.rating))
    .map((r) => ({
      rating: r.rating,
      at: isNaN(time(r.at)) ? null : new Date(time(r.at)).toISOString(),
      hash: typeof r.hash === "string" && HASH_PATTERN.test(r.hash) ? r.hash : null,
    }))
    .slice(-HISTORY);
  if (!reviews.length) return null;
  const clean = { card: { ...entry.card }, reviews };
  const points = cleanPoints(entry.points);
  if (points) clean.points = points;
  return clean;
}

/** A v1 mark as a v2 entry: the card FSRS gives after one review (Good or Again) at the mark's time. */
function migrateEntry(mark, now) {
  if (!isObject(mark) || !has(V1_RATING, mark.status)) return null;
  const at = isNaN(time(mark.updated)) ? null : new Date(time(mark.updated));
  const rating = V1_RATING[mark.status];
  const entry = { card: review(null, rating, at || now), reviews: [{ rating, at: at ? at.toISOString() : null, hash: null }] };
  const points = cleanPoints(mark.points);
  if (points) entry.points = points;
  return entry;
}

/** Check data read from storage or a file (v1 or v2). Returns {data, migrated} or {error}. Entries that are
 *  not understood (malformed id, card or rating) are dropped, never trusted. */
export function validate(raw, now = new Date()) {
  if (!isObject(raw) || raw.format !== FORMAT) return { error: "it is not a progress file from this site" };
  if (raw.version !== 1 && raw.version !== VERSION) {
    return { error: "it was written by a different version of the site (format version " + String(raw.version) + ")" };
  }
  if (!isObject(raw.questions)) return { error: "its list of questions is missing" };
  const data = empty();
  const read = raw.version === 1 ? (e) => migrateEntry(e, now) : cleanEntry;
  for (const [from, to] of [[raw.questions, data.questions], [isObject(raw.aside) ? raw.aside : {}, data.aside]]) {
    for (const id of Object.keys(from)) {
      const entry = ID_PATTERN.test(id) ? read(from[id]) : null;
      if (entry) to[id] = entry;
    }
  }
  return { data, migrated: raw.version === 1 };
}

/** Merge `incoming` (validated) into `mine`: per question the entry with the more recent review wins (times
 *  compared as times, not text). Ids not in `known` (when given) go aside, never among the questions.
 *  Returns the merged state and a report {added, updated, kept, unknown: [ids]}. */
export function merge(mine, incoming, known) {
  const data = { format: FORMAT, version: VERSION, questions: Object.assign(Object.create(null), mine.questions),
    aside: Object.assign(Object.create(null), mine.aside) };
  const report = { added: 0, updated: 0, kept: 0, unknown: [] };
  const take = (target, id, entry, count) => {
    if (!has(target, id)) {
      target[id] = entry;
      if (count) report.added += 1;
    } else if (lastReviewTime(entry) > lastReviewTime(target[id])) {
      target[id] = entry;
      if (count) report.updated += 1;
    } else if (count) report.kept += 1;
  };
  for (const id of Object.keys(incoming.questions)) {
    if (known && !known.has(id)) {
      report.unknown.push(id);
      take(data.aside, id, incoming.questions[id], false);
    } else take(data.questions, id, incoming.questions[id], true);
  }
  for (const id of Object.keys(incoming.aside)) take(data.aside, id, incoming.aside[id], false);
  return { data, report };
}

/** The progress store of this page: load, save, grade, clear, merge. */
export const store = {
  data: empty(),
  notice: "", // shown on every study widget of the page when storage could not be used
  unreadable: null, // the raw value we could not read; backed up before it is overwritten
  hashes: Object.create(null), // id -> the answer hash on this page (set by the page's widgets)
  changedOn: Object.create(null), // id -> ISO date the answer last changed, where the page says so

  load(now = new Date()) {
    let raw;
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
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      parsed = undefined;
    }
    const result = validate(parsed, now);
    if (result.error) {
      this.data = empty();
      this.unreadable = raw;
      this.notice = "Progress saved in this browser could not be read (" + result.error + ") and was ignored. " +
        "Marking a question starts afresh; the unreadable copy is kept aside.";
      return;
    }
    this.data = result.data;
    if (result.migrated) {
      // Keep the version 1 value next to the migrated one, then store version 2.
      try {
        window.localStorage.setItem(KEY + ".v1", raw);
      } catch (err) {
        /* no room for the copy: the migrated state below carries every mark anyway */
      }
      this.save();
    }
  },

  save() {
    try {
      if (this.unreadable !== null) {
        const backup = this.unreadable;
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

  entry(id) {
    return has(this.data.questions, id) ? this.data.questions[id] : null;
  },

  lastReview(id) {
    const entry = this.entry(id);
    return entry ? entry.reviews[entry.reviews.length - 1] : null;
  },

  /** The answer changed since it was last graded: the page's hash differs from the one the grade stored. */
  changed(id) {
    const last = this.lastReview(id);
    return Boolean(last && last.hash && this.hashes[id] && last.hash !== this.hashes[id]);
  },

  /** Due by the end of today (local), or its answer changed since it was graded. */
  due(id, now = new Date()) {
    const entry = this.entry(id);
    if (!entry) return false;
    const tomorrow = new Date(now);
    tomorrow.setHours(24, 0, 0, 0);
    return Date.parse(entry.card.due) < tomorrow.getTime() || this.changed(id);
  },

  /** "new" (never graded), "review" (due, last graded Again, or its answer changed) or "got" (scheduled later). */
  status(id, now = new Date()) {
    const last = this.lastReview(id);
    if (!last) return "new";
    return last.rating === 1 || this.due(id, now) ? "review" : "got";
  },

  grade(id, rating, points, now = new Date()) {
    const before = this.entry(id);
    const reviews = (before ? before.reviews : []).concat([{ rating, at: now.toISOString(), hash: this.hashes[id] || null }]);
    const entry = { card: review(before ? before.card : null, rating, now), reviews: reviews.slice(-HISTORY) };
    if (points) entry.points = points;
    this.data.questions[id] = entry;
    return this.save();
  },

  clear(id) {
    delete this.data.questions[id];
    return this.save();
  },

  setPoints(id, points) {
    const entry = this.entry(id);
    if (!entry) return; // ticks are kept with a grade; before grading they live in the page only
    entry.points = points;
    this.save();
  },

  reset() {
    this.data = empty();
    this.unreadable = null;
    try {
      window.localStorage.removeItem(KEY);
    } catch (err) {
      /* nothing stored, nothing to remove */
    }
    this.notice = "";
  },

  /** A copy of the whole state, as an export file or a "move my progress" link would carry it. */
  exportState(now = new Date()) {
    return { format: FORMAT, version: VERSION, exported: now.toISOString(), questions: this.data.questions, aside: this.data.aside };
  },

  /** Merge a state (v1 or v2, e.g. an imported file). `known`: the ids this site has (a Set), or null.
   *  Returns {error} or {saved, added, updated, kept, unknown}; nothing changes unless it was saved. */
  mergeState(raw, known, now = new Date()) {
    const result = validate(raw, now);
    if (result.error) return { error: result.error };
    const before = this.data;
    const { data, report } = merge(before, result.data, known);
    this.data = data;
    const saved = this.save();
    if (!saved) this.data = before;
    else this.notice = "";
    return { saved, ...report };
  },
};
