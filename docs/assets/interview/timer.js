// A per-question clock shown in both views: counts down from the limit (or up without one) while the
// question is on screen, and keeps each question's time when the interview moves back and forth.
import { clock } from "./session.js";

export function questionTimer(element, limitSeconds, onTick = () => {}) {
  const spent = new Map(); // question id -> seconds spent on it so far
  let current = null;
  let since = 0;
  let interval = null;

  const seconds = (id) => (spent.get(id) || 0) + (id === current ? (Date.now() - since) / 1000 : 0);
  const draw = () => {
    if (current === null) return;
    const used = seconds(current);
    element.hidden = false;
    if (limitSeconds) {
      const left = Math.ceil(limitSeconds - used); // a countdown shows 2:00 until two full minutes are left
      element.textContent = left >= 0 ? `${clock(left)} left` : `Time is up ${clock(left)}`;
      element.classList.toggle("ftp-timer--over", left < 0);
    } else {
      element.textContent = `${clock(used)} so far`;
    }
    onTick(current, used);
  };
  const stop = () => {
    if (current !== null) spent.set(current, seconds(current));
    current = null;
    clearInterval(interval);
  };
  return {
    /** Show question `id`'s clock, continuing from the time it already had. */
    show(id, already = 0) {
      stop();
      if (!spent.has(id)) spent.set(id, already);
      current = id;
      since = Date.now();
      interval = setInterval(draw, 250);
      draw();
    },
    stop,
    seconds,
    /** Whether question `id` has been on screen (so its time is the timer's to tell). */
    has: (id) => spent.has(id),
  };
}
