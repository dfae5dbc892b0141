// Diagram viewer: a tap or the "Enlarge" button opens a drawing full-screen at its natural size
// (labels at 16 px), to pan by scrolling or dragging and zoom with the buttons or + / - / 0.
// Loaded only on question pages with a drawn diagram. The drawing itself moves into the dialog and
// back, so no id is ever duplicated. Without JavaScript the page shows the drawing as before.
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3];

function naturalWidth(svg) {
  const box = svg.viewBox && svg.viewBox.baseVal;
  return box && box.width ? box.width : svg.getBoundingClientRect().width;
}

function buildDialog() {
  const dialog = document.createElement("dialog");
  dialog.className = "ftp-viewer";
  dialog.setAttribute("aria-labelledby", "ftp-viewer-title");
  dialog.innerHTML = `
    <div class="ftp-viewer__bar">
      <p class="ftp-viewer__title" id="ftp-viewer-title"></p>
      <button type="button" class="md-button" data-zoom="-1" aria-label="Zoom out">−</button>
      <output class="ftp-viewer__zoom" aria-live="polite"></output>
      <button type="button" class="md-button" data-zoom="1" aria-label="Zoom in">+</button>
      <button type="button" class="md-button md-button--primary" data-close>Close</button>
    </div>
    <div class="ftp-viewer__canvas" tabindex="0" role="region" aria-label="Diagram, scroll to pan"></div>`;
  document.body.append(dialog);
  return dialog;
}

export function mountViewer(root = document) {
  const drawings = [...root.querySelectorAll(".ftp-diagram-drawing")].filter((d) => d.querySelector("svg"));
  if (!drawings.length) return null;
  const dialog = buildDialog();
  const canvas = dialog.querySelector(".ftp-viewer__canvas");
  const zoomOut = dialog.querySelector(".ftp-viewer__zoom");
  let current = null; // {drawing, svg, width, zoom, opener, style}

  const apply = () => {
    current.svg.style.width = `${Math.round(current.width * ZOOMS[current.zoom])}px`;
    zoomOut.textContent = `${Math.round(ZOOMS[current.zoom] * 100)} %`;
  };
  const zoomBy = (step) => {
    current.zoom = Math.min(ZOOMS.length - 1, Math.max(0, current.zoom + step));
    apply();
  };
  const open = (drawing, opener) => {
    const svg = drawing.querySelector("svg");
    current = { drawing, svg, opener, width: naturalWidth(svg), zoom: ZOOMS.indexOf(1), style: svg.getAttribute("style") };
    dialog.querySelector(".ftp-viewer__title").textContent = drawing.getAttribute("aria-label") || "Diagram";
    svg.style.maxWidth = "none";
    svg.style.height = "auto";
    canvas.append(svg);
    apply();
    dialog.showModal();
    canvas.focus();
  };
  dialog.addEventListener("close", () => {
    if (!current) return;
    if (current.style === null) current.svg.removeAttribute("style");
    else current.svg.setAttribute("style", current.style);
    current.drawing.append(current.svg);
    current.opener.focus();
    current = null;
  });
  dialog.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-close")) dialog.close();
    else zoomBy(Number(button.dataset.zoom));
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "+" || event.key === "=") zoomBy(1);
    else if (event.key === "-") zoomBy(-1);
    else if (event.key === "0") { current.zoom = ZOOMS.indexOf(1); apply(); }
    else return;
    event.preventDefault();
  });
  // Drag to pan with a mouse (touch screens scroll natively).
  canvas.addEventListener("pointerdown", (event) => {
    if (event.pointerType !== "mouse") return;
    const start = { x: event.clientX, y: event.clientY, left: canvas.scrollLeft, top: canvas.scrollTop };
    const move = (e) => { canvas.scrollLeft = start.left - (e.clientX - start.x); canvas.scrollTop = start.top - (e.clientY - start.y); };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });

  for (const drawing of drawings) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button ftp-viewer-open";
    button.textContent = "Enlarge diagram";
    button.addEventListener("click", () => open(drawing, button));
    drawing.addEventListener("click", () => open(drawing, button));
    drawing.classList.add("ftp-diagram-drawing--zoomable");
    drawing.after(button);
  }
  return dialog;
}

mountViewer();
