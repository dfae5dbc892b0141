// Spaced repetition: the FSRS scheduler of ts-fsrs (self-hosted, docs/assets/vendor/ts-fsrs), wrapped so the
// rest of the study code sees plain JSON cards (dates as ISO strings, as they are stored) and four ratings.
import { createEmptyCard, fsrs, Rating } from "../vendor/ts-fsrs/ts-fsrs.js";

// ts-fsrs's defaults (FSRS-6 weights, 90 % desired retention, no fuzz), except the minute-long learning steps:
// a reader grades a question once per visit, not three times in ten minutes, so every rating schedules days.
export const PARAMS = Object.freeze({ enable_short_term: false });
const scheduler = fsrs(PARAMS);

/** The four FSRS ratings; keys 1-4 as in Anki. */
export const RATINGS = Object.freeze([
  { id: "again", value: Rating.Again, label: "Again", key: "1", help: "I did not know it" },
  { id: "hard", value: Rating.Hard, label: "Hard", key: "2", help: "I got there, with gaps or effort" },
  { id: "good", value: Rating.Good, label: "Good", key: "3", help: "I knew it" },
  { id: "easy", value: Rating.Easy, label: "Easy", key: "4", help: "I knew it at once, fluently" },
]);
export const RATING_BY_VALUE = Object.freeze(Object.fromEntries(RATINGS.map((r) => [r.value, r])));
export const RATING_BY_ID = Object.freeze(Object.fromEntries(RATINGS.map((r) => [r.id, r])));

const CARD_NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "reps", "lapses", "learning_steps", "state"];

/** A stored card (JSON) as ts-fsrs wants it, with Date objects. */
export function revive(stored) {
  return { ...stored, due: new Date(stored.due), last_review: stored.last_review ? new Date(stored.last_review) : undefined };
}

/** A ts-fsrs card as stored: only the fields FSRS needs, dates as ISO strings. */
export function serialize(card) {
  const out = { due: card.due.toISOString() };
  for (const name of CARD_NUMBERS) out[name] = card[name];
  out.last_review = card.last_review ? card.last_review.toISOString() : null;
  return out;
}

/** Is `value` a stored card we can trust (numbers finite, dates parseable)? */
export function isCard(value) {
  return value !== null && typeof value === "object" && typeof value.due === "string" && !isNaN(Date.parse(value.due)) &&
    CARD_NUMBERS.every((name) => Number.isFinite(value[name])) &&
    (value.last_review === null || (typeof value.last_review === "string" && !isNaN(Date.parse(value.last_review))));
}

/** The card after rating it `rating` (1-4) at `now`; `card` null for a question never reviewed. */
export function review(card, rating, now) {
  const base = card ? revive(card) : createEmptyCard(now);
  return serialize(scheduler.next(base, now, rating).card);
}

/** What each rating would schedule now: {rating value: due ISO string}, for the buttons' previews. */
export function preview(card, now) {
  return Object.fromEntries(RATINGS.map((r) => [r.value, review(card, r.value, now).due]));
}

/** The checklist's suggestion: none ticked -> Again, some -> Hard, all -> Good. Easy is the reader's call. */
export function suggest(ticked, total) {
  if (total <= 0) return null;
  if (ticked <= 0) return RATING_BY_ID.again;
  if (ticked < total) return RATING_BY_ID.hard;
  return RATING_BY_ID.good;
}
