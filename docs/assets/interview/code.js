// The interview code: seed, levels, number of questions and time per question packed into a few
// characters of Crockford's base32 (no I, L, O or U, so it reads aloud and types without mix-ups),
// with a 4-bit check that catches most typing mistakes. `K7Q2-9FA` -> the same interview everywhere.
import { hashSeed } from "../lib/seeded.js";

export const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const SEED_BITS = 20;
export const COUNT_BITS = 5; // 1-32 questions
export const TIMER_BITS = 3; // an index into the page's list of timer choices
const CHECK_BITS = 4;

function length(levelCount) {
  return Math.ceil((SEED_BITS + levelCount + COUNT_BITS + TIMER_BITS + CHECK_BITS) / 5);
}

function check(payload) {
  return hashSeed(`ftp-interview:${payload}`) % 2 ** CHECK_BITS;
}

/** A random seed that fits the code (from the browser's cryptographic generator). */
export function randomSeed() {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0] % 2 ** SEED_BITS;
}

/** Settings {seed, levels (bit i = i-th level), count, timer} -> a code such as "K7Q2-9FA". */
export function encode({ seed, levels, count, timer }, levelCount) {
  if (!(levels > 0 && levels < 2 ** levelCount)) throw new RangeError("pick at least one level");
  if (!(count >= 1 && count <= 2 ** COUNT_BITS)) throw new RangeError(`1 to ${2 ** COUNT_BITS} questions`);
  if (!(timer >= 0 && timer < 2 ** TIMER_BITS)) throw new RangeError("unknown timer");
  if (!(seed >= 0 && seed < 2 ** SEED_BITS)) throw new RangeError("seed out of range");
  // Plain arithmetic, not bit operators: with many levels the payload passes 32 bits.
  const payload = ((seed * 2 ** levelCount + levels) * 2 ** COUNT_BITS + (count - 1)) * 2 ** TIMER_BITS + timer;
  let value = payload * 2 ** CHECK_BITS + check(payload);
  let text = "";
  for (let i = 0; i < length(levelCount); i += 1) {
    text = ALPHABET[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return `${text.slice(0, 4)}-${text.slice(4)}`;
}

/** What a person typed, in the code's alphabet: upper case, no spaces or dashes, O->0 and I/L->1. */
export function normalise(text) {
  return String(text).toUpperCase().replace(/[\s-]+/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** A code -> its settings, or null when it is not a code of this site's levels (or mistyped). */
export function decode(code, levelCount) {
  const text = normalise(code);
  if (text.length !== length(levelCount)) return null;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = value * 32 + digit;
  }
  const payload = Math.floor(value / 2 ** CHECK_BITS);
  if (value % 2 ** CHECK_BITS !== check(payload)) return null;
  let rest = payload;
  const timer = rest % 2 ** TIMER_BITS;
  rest = Math.floor(rest / 2 ** TIMER_BITS);
  const count = (rest % 2 ** COUNT_BITS) + 1;
  rest = Math.floor(rest / 2 ** COUNT_BITS);
  const levels = rest % 2 ** levelCount;
  const seed = Math.floor(rest / 2 ** levelCount);
  if (levels === 0 || seed >= 2 ** SEED_BITS) return null;
  return { seed, levels, count, timer };
}
