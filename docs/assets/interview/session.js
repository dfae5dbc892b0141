// One interview, as both views compute it: which questions, in which order, and how a rubric adds up.
import { shuffled } from "../lib/seeded.js";

/** The bank's questions as rendered in the page (both views hold them): [{id, level, section}] and a map by id. */
export function readItems(bank) {
  const items = [...bank.querySelectorAll(".ftp-interview-item")].map((section) => ({
    id: section.dataset.questionId,
    level: section.dataset.level,
    section,
  }));
  return { items, byId: new Map(items.map((item) => [item.id, item])) };
}

/** The page's settings element -> {levels: [ids], levelTitles, timers: [minutes], maxCount, urls}. */
export function readSettings(element) {
  const words = (name) => (element.dataset[name] || "").split(" ").filter(Boolean);
  return {
    levels: words("levels"),
    levelTitles: [...element.querySelectorAll("[data-ftp-level-title]")].map((span) => span.textContent.trim()),
    timers: words("timers").map(Number),
    maxCount: Number(element.dataset.maxCount),
    urls: Object.fromEntries(
      [...document.querySelectorAll("[data-ftp-url]")].map((a) => [a.dataset.ftpUrl, a.href]),
    ),
  };
}

/** The ids of an interview: the bank's questions of the chosen levels, shuffled by the seed, cut to `count`. */
export function questionIds(items, levelIds, settings) {
  const chosen = levelIds.filter((_, i) => Math.floor(settings.levels / 2 ** i) % 2 === 1);
  const pool = items.filter((item) => chosen.includes(item.level)).map((item) => item.id);
  return shuffled(pool, `interview:${settings.seed}`).slice(0, settings.count);
}

/** Ticked key points -> {got, total, percent} by their weights. */
export function coverage(points) {
  const total = points.reduce((sum, p) => sum + p.weight, 0);
  const got = points.reduce((sum, p) => sum + (p.ticked ? p.weight : 0), 0);
  return { got, total, percent: total ? Math.round((100 * got) / total) : 0 };
}

/** Seconds -> "4:05"; past the limit the clock shows how far over: "+0:12". */
export function clock(seconds) {
  const s = Math.abs(Math.trunc(seconds));
  return `${seconds < 0 ? "+" : ""}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** An absolute link to `url` (relative to the page) carrying the code. */
export function linkFor(url, code) {
  const target = new URL(url, window.location.href);
  target.search = new URLSearchParams({ code }).toString();
  target.hash = "";
  return target.href;
}

/** "5 questions · Beginner, Advanced · 5 minutes each", for both views to show what the code holds. */
export function describe(settings, levelTitles, timers, available) {
  const levels = levelTitles.filter((_, i) => Math.floor(settings.levels / 2 ** i) % 2 === 1);
  const count = Math.min(settings.count, available);
  const minutes = timers[settings.timer];
  return [
    `${count} question${count === 1 ? "" : "s"}`,
    levels.join(", "),
    minutes ? `${minutes} minutes each` : "no timer",
  ].join(" · ");
}

/** sessionStorage, failing quietly (private windows, blocked storage): the interview still runs. */
export const memory = {
  load(key) {
    try {
      return JSON.parse(window.sessionStorage.getItem(key) || "null");
    } catch {
      return null;
    }
  },
  save(key, value) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* the interview works without it; only a reload forgets */
    }
  },
};

/** The code a page was opened with (?code=...), or "". */
export function codeFromUrl() {
  return new URLSearchParams(window.location.search).get("code") || "";
}
