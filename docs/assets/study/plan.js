// The study plan: given an interview date, how many new questions a day so that every question is seen at
// least twice before it, and what is due each day. Pure: the scheduler is passed in (schedule.review).
import { addDays, daysBetween } from "./when.js";

const GOOD = 3; // ts-fsrs Rating.Good

/**
 * `today`, `interview`: Dates. `cards`: {id: stored card or null (never studied)}. `review(card, rating, now)`.
 * "Twice" assumes each review is graded Good: a new question's second sighting is when FSRS schedules it
 * after a first Good (`gap` days), so new questions must all be introduced `gap` days before the last study day.
 * Returns {days, gap, newCount, perDay, feasible, schedule: [{date, fresh, due}]} or {error}.
 */
export function studyPlan(today, interview, cards, review) {
  const days = daysBetween(today, interview); // study days: today .. the day before the interview
  if (!(days >= 1)) return { error: "Pick a date after today." };
  const noon = (d) => new Date(addDays(d, 0).getTime() + 12 * 3600000);
  const start = noon(today);
  const gap = daysBetween(start, new Date(review(null, GOOD, start).due));
  const fresh = Object.keys(cards).filter((id) => !cards[id]);
  const introDays = Math.max(1, days - gap);
  const perDay = fresh.length ? Math.ceil(fresh.length / introDays) : 0;
  const feasible = fresh.length === 0 || days > gap;
  // Simulate: every card is reviewed (Good) on the day it is due; new ones come `perDay` at a time from today.
  const schedule = [];
  for (let d = 0; d < days; d += 1) schedule.push({ date: addDays(today, d), fresh: 0, due: 0 });
  fresh.forEach((id, n) => { schedule[Math.min(days - 1, Math.floor(n / Math.max(perDay, 1)))].fresh += 1; });
  const dueDay = (card) => Math.max(0, daysBetween(today, new Date(card.due))); // overdue counts as today
  const queue = Object.keys(cards).filter((id) => cards[id]).map((id) => ({ card: cards[id], day: dueDay(cards[id]) }));
  for (let d = 0; d < days; d += 1) {
    const day = noon(schedule[d].date);
    for (const item of queue) {
      if (item.day !== d) continue;
      schedule[d].due += 1;
      item.card = review(item.card, GOOD, day);
      item.day = dueDay(item.card);
    }
    for (let n = 0; n < schedule[d].fresh; n += 1) {
      const card = review(null, GOOD, day);
      queue.push({ card, day: dueDay(card) });
    }
  }
  return { days, gap, newCount: fresh.length, perDay, feasible, schedule };
}
