// A QR code drawn as inline SVG (crisp at any size, printable, no canvas) with the self-hosted qrcode-generator.
import qrcode from "../vendor/qrcode-generator/qrcode.js";

const SVG = "http://www.w3.org/2000/svg";
export const LEVEL = "M"; // error correction M (about 15 % of the code may be damaged): readable off a screen
const QUIET = 4; // modules of white margin round the code, as the QR standard asks
const MODULE_PX = 3;

/** The QR version (1-40) qrcode-generator picks for `text` at level M, and the module count. */
export function qrSize(text) {
  const code = qrcode(0, LEVEL);
  code.addData(text, "Byte");
  code.make();
  const modules = code.getModuleCount();
  return { code, modules, version: (modules - 17) / 4 };
}

/** An <svg role="img"> of `text` as a QR code, labelled `label`. Throws when text is too long for version 40. */
export function drawQr(text, label) {
  const { code, modules } = qrSize(text);
  const side = modules + 2 * QUIET;
  let d = "";
  for (let r = 0; r < modules; r += 1) {
    for (let c = 0; c < modules; c += 1) if (code.isDark(r, c)) d += "M" + (c + QUIET) + " " + (r + QUIET) + "h1v1h-1z";
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + side + " " + side);
  // Three CSS pixels a module (whole device pixels, so edges stay sharp), narrower only on a narrow screen.
  svg.setAttribute("width", String(side * MODULE_PX));
  svg.setAttribute("height", String(side * MODULE_PX));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("class", "ftp-qr");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(side));
  background.setAttribute("height", String(side));
  background.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}
