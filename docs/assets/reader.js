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

  // A box that scrolls sideways (a wide table, formula or figure on a phone) must be reachable by
  // keyboard, or its hidden part cannot be scrolled into view without a mouse (WCAG 2.1.1; axe's
  // scrollable-region-focusable). Give such a box a tab stop and a name while it overflows, only then.
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  const scrollable = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
  const markScrollers = () => {
    // The boxes that scroll sideways: Material's table wrapper and display formulas (code blocks get
    // their tab stop from Material; drawings and the calculator's table carry their own).
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset div.arithmatex").forEach((el) => {
      const ours = el.hasAttribute("data-ftp-scroll-stop");
      if (scrollable(el)) {
        if (ours || el.hasAttribute("tabindex") || el.querySelector(FOCUSABLE)) return;
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-ftp-scroll-stop", "");
        if (!el.hasAttribute("aria-label") && !el.hasAttribute("role")) {
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", el.querySelector("table") ? "Table, scrolls sideways" : "Scrolls sideways");
        }
      } else if (ours) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-ftp-scroll-stop");
      }
    });
  };
  // Material wraps tables and draws the page in its own script: run after it, and when the width changes.
  if (window.document$) window.document$.subscribe(() => requestAnimationFrame(markScrollers));
  else requestAnimationFrame(markScrollers);
  let pending;
  const later = () => { clearTimeout(pending); pending = setTimeout(markScrollers, 100); };
  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true); // a hint or answer opened: its boxes now have a width

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
