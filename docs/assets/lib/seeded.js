// A seeded shuffle: the same seed gives the same order in every browser and on every device.
// FNV-1a hash of the seed text, then the mulberry32 generator, then a Fisher-Yates shuffle, all in
// exact 32-bit integer maths. It reproduces docs/assets/study.js's `shuffled` (tests/test_interview.py
// checks that), so the mock interview can import it from here later.

/** FNV-1a (32 bit) of a string's UTF-16 code units. */
export function hashSeed(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast generator of numbers in [0, 1) from a 32-bit state. */
export function mulberry32(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `list` in the order the seed (any string) decides. */
export function shuffled(list, seed) {
  const out = list.slice();
  const random = mulberry32(hashSeed(String(seed)));
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
