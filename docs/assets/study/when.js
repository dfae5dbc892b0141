// Dates as a reader reads them: "today", "tomorrow", "in 3 days, Fri 4 Dec", counted in local calendar days.

const DAY_MS = 86400000;

/** Local midnight starting the day of `date`. */
export function startOfDay(date) {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  return d;
}

/** Local calendar days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function daysBetween(from, to) {
  // Rounding absorbs the hour a daylight-saving change adds or removes.
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}

/** The local day `n` days after the day of `date`, at midnight. */
export function addDays(date, n) {
  const d = startOfDay(date);
  d.setDate(d.getDate() + n);
  return d;
}

const SHORT = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short" });
const LONG = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** "Fri 4 Dec". */
export function shortDate(date) {
  return SHORT.format(date).replace(",", "");
}

/** "1 December 2026". */
export function longDate(date) {
  return LONG.format(date);
}

/** A due date relative to now: "now" (overdue or today), "tomorrow, Sat 5 Dec", "in 3 days, Fri 4 Dec". */
export function relativeDue(due, now) {
  const days = daysBetween(now, due);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow, " + shortDate(due);
  return "in " + days + " days, " + shortDate(due);
}
