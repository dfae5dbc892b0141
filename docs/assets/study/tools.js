// Home page: export progress to a file, import one (merged: per question the most recent review wins; ids this
// site does not have are kept aside and named), and reset.
import { all, el, refreshAll } from "./dom.js";
import { store } from "./store.js";

/** The ids of every question of the site, from the home page's list. */
export function knownIds(root) {
  return new Set(all("[data-question-id]", root).map((row) => row.getAttribute("data-question-id")));
}

/** A merge report as one sentence. */
export function describeMerge(outcome) {
  const n = outcome.added + outcome.updated;
  let text = "progress for " + n + " question(s) updated (the more recent review wins)";
  if (outcome.kept) text += "; " + outcome.kept + " kept as they were (yours were more recent)";
  text += ".";
  const unknown = outcome.unknown;
  if (unknown.length) {
    text += " " + unknown.length + " entr" + (unknown.length === 1 ? "y" : "ies") + " for questions this site does not have (" +
      unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? ", …" : "") + ") were kept aside, not added to your progress.";
  }
  return text;
}

export function progressTools(panel) {
  const message = panel.querySelector("[data-ftp-message]");
  const fileInput = panel.querySelector("[data-ftp-import-file]");
  const say = (text, warning) => {
    message.textContent = text;
    message.classList.toggle("ftp-study-message--warning", Boolean(warning));
  };

  panel.querySelector('[data-ftp-action="export"]').addEventListener("click", () => {
    const payload = store.exportState();
    const blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "fine-tuning-interview-progress-" + payload.exported.slice(0, 10) + ".json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say("Exported progress for " + Object.keys(payload.questions).length + " question(s). Import the file on another device to carry on there.");
  });

  panel.querySelector('[data-ftp-action="import"]').addEventListener("click", () => {
    fileInput.value = "";
    fileInput.click();
  });

  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      let parsed;
      try {
        parsed = JSON.parse(String(reader.result));
      } catch (err) {
        say("“" + file.name + "” could not be imported: it is not a JSON file. Nothing was changed.", true);
        return;
      }
      const outcome = store.mergeState(parsed, knownIds(panel));
      if (outcome.error) {
        say("“" + file.name + "” could not be imported: " + outcome.error + ". Nothing was changed.", true);
        return;
      }
      if (!outcome.saved) {
        say("“" + file.name + "” could not be imported: this browser would not save it (storage is full or blocked). Nothing was changed.", true);
        return;
      }
      refreshAll();
      say("Imported “" + file.name + "”: " + describeMerge(outcome), outcome.unknown.length > 0);
    };
    reader.onerror = () => say("“" + file.name + "” could not be read. Nothing was changed.", true);
    reader.readAsText(file);
  });

  panel.querySelector('[data-ftp-action="reset"]').addEventListener("click", () => {
    if (!window.confirm("Forget every grade in this browser? Export first if you may want them back.")) {
      say("Nothing was reset.");
      return;
    }
    store.reset();
    refreshAll();
    say("Progress reset: every question is back to “not studied yet”.");
  });
}
