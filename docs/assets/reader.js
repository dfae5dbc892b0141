// Reader helpers, loaded on every page (deferred, ~1 KB). Without JavaScript the buttons stay
// hidden and print.css still expands every collapsed block, so nothing depends on this file.
(() => {
  // Open every collapsed hint and answer while printing, then restore what the reader had.
  const opened = [];
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details:not([open])").forEach((d) => { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", () => { opened.splice(0).forEach((d) => { d.open = false; }); });

  document.querySelectorAll("[data-ftp-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });

  // "Copy link": the question's permalink, ready to paste into a chat.
  document.querySelectorAll("[data-ftp-copy]").forEach((button) => {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const url = button.dataset.ftpCopy;
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = "Link copied";
      } catch {
        window.prompt("Copy this link:", url);
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  });
})();
