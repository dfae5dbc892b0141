// The update prompt: "A new version of this site is available" with Reload and Later
// (markup in overrides/main.html). One job: show it and report the reader's choice.

/** Show the prompt; resolve true when the reader chooses Reload, false for Later (the prompt hides). */
export function askToUpdate(prompt) {
  if (!prompt) return Promise.resolve(false);
  const reload = prompt.querySelector("[data-update=reload]");
  const later = prompt.querySelector("[data-update=later]");
  return new Promise((resolve) => {
    reload.addEventListener("click", () => {
      reload.disabled = later.disabled = true; // the page reloads once the new version has taken over
      resolve(true);
    }, { once: true });
    later.addEventListener("click", () => {
      prompt.hidden = true;
      resolve(false);
    }, { once: true });
    prompt.hidden = false;
  });
}
