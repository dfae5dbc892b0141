// Opening a "move my progress" link: on the home page, ask, merge (per question the newer review wins; unknown
// ids kept aside), report, and take the fragment out of the address so a reload does not import it again.
// Other study pages send the link on to the home page, which lists every question to merge against.
import { describeMerge } from "./tools.js";
import { decodeProgress, newestReview, progressParam } from "./link.js";
import { validate } from "./store.js";
import { longDate } from "./when.js";

const HOME = new URL("../../", import.meta.url).href;

function dropFragment() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

/** `say(text, warning)` shows the outcome (on the home page's "Move my progress" panel). */
export async function openProgressLink(say) {
  const value = progressParam(location.hash);
  if (value === null) return;
  if (!say) {
    location.replace(HOME + location.hash);
    return;
  }
  const decoded = await decodeProgress(value);
  const checked = decoded.error ? decoded : validate(decoded.state);
  if (checked.error) {
    dropFragment();
    say("This progress link could not be used: " + checked.error + ". Nothing was changed.", true);
    return;
  }
  const count = Object.keys(checked.data.questions).length;
  const newest = newestReview(checked.data);
  const question = "Add the progress from this link to this browser? It has " + count + " question" +
    (count === 1 ? "" : "s") + (newest ? ", newest review " + longDate(newest) : "") +
    ". Per question, the more recent review is kept.";
  if (!window.confirm(question)) {
    dropFragment();
    say("The progress from the link was not added. Nothing was changed.");
    return;
  }
  const report = window.ftpStudy.mergeState(decoded.state);
  dropFragment();
  if (report.error) say("This progress link could not be used: " + report.error + ". Nothing was changed.", true);
  else if (!report.saved) say("This browser would not save the progress (storage is full or blocked). Nothing was changed.", true);
  else say("Added the progress from the link: " + describeMerge(report), report.unknown.length > 0);
}
