// Home page: "Move my progress", a link (and QR codes of it) whose fragment carries the progress of this browser.
import { onRefresh } from "./dom.js";
import { splitLinks, progressLink } from "./link.js";
import { drawQr } from "./qr.js";
import { store } from "./store.js";

// Longest link one QR code carries: about 1,000 characters is version 26 at level M (121 modules square), still
// read by a phone camera off a laptop screen. Longer progress is split over several codes, each a whole link for
// some of the questions.
export const QR_LIMIT = 1000;

/** The address of the site's home page (where links are opened), from this module's own address. */
export function homeAddress() {
  return new URL("../../", import.meta.url).href;
}

export function travelPanel(panel) {
  const result = panel.querySelector("[data-ftp-travel-result]");
  const field = panel.querySelector("[data-ftp-travel-link]");
  const length = panel.querySelector("[data-ftp-travel-length]");
  const codes = panel.querySelector("[data-ftp-travel-codes]");
  const message = panel.querySelector("[data-ftp-travel-message]");
  const say = (text, warning) => {
    message.textContent = text;
    message.classList.toggle("ftp-study-message--warning", Boolean(warning));
  };

  async function make() {
    const state = store.exportState();
    const count = Object.keys(state.questions).length;
    if (!count) {
      result.hidden = true;
      say("There is no progress to move yet: grade a question first.");
      return;
    }
    const link = await progressLink(homeAddress(), state);
    field.value = link;
    length.textContent = "(" + link.length.toLocaleString("en-GB") + " characters, " + count + " question" +
      (count === 1 ? "" : "s") + ")";
    const parts = (await splitLinks(homeAddress(), state, QR_LIMIT)) || [];
    codes.replaceChildren();
    const intro = document.createElement("p");
    intro.textContent = !parts.length
      ? "This progress is too large for QR codes: copy the link instead."
      : parts.length === 1
      ? "The same link as a QR code, to open with a phone's camera:"
      : "The same progress as " + parts.length + " QR codes, one link each for some of the questions " +
        "(one code would be too dense to scan). Scan them in any order; each adds its questions.";
    codes.append(intro);
    parts.forEach((part, i) => {
      const figure = document.createElement("figure");
      const label = parts.length === 1 ? "QR code of your progress link" : "QR code " + (i + 1) + " of " + parts.length + " of your progress";
      figure.append(drawQr(part, label));
      if (parts.length > 1) {
        const caption = document.createElement("figcaption");
        caption.textContent = "Part " + (i + 1) + " of " + parts.length;
        figure.append(caption);
      }
      codes.append(figure);
    });
    result.hidden = false;
    say("");
  }

  panel.querySelector("[data-ftp-travel-make]").addEventListener("click", () => {
    make().catch(() => say("This browser could not make the link (it lacks CompressionStream).", true));
  });

  panel.querySelector("[data-ftp-travel-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      say("Link copied. Open it on the other device.");
    } catch (err) {
      field.select();
      say("This browser would not copy: the link is selected, copy it with Ctrl+C (or ⌘C).", true);
    }
  });

  // Grades changed (here or in another tab): a link shown would be out of date, so draw it again.
  onRefresh(() => {
    if (!result.hidden) make().catch(() => {});
  });

  /** Show an outcome (of opening a link) in the panel, opened and scrolled into view. */
  return (text, warning) => {
    panel.open = true;
    say(text, warning);
    message.scrollIntoView({ block: "center" });
  };
}
