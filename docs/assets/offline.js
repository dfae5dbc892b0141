// Offline app: registers the service worker (sw.js at the site's root, written by the build) and,
// when a new deploy has installed and waits, asks the reader before switching (update-prompt.js).
// Until then every page and file keeps coming from the version this tab started with; after "Reload"
// the new version activates and every open tab of the site reloads, so no tab mixes old and new files.
import { Workbox } from "./vendor/workbox/workbox-window.prod.mjs";
import { askToUpdate } from "./update-prompt.js";

/** The site's root, from this module's own URL (assets/offline.js): works under any sub-path. */
export function siteRoot(moduleUrl) {
  return new URL("../", moduleUrl);
}

function start() {
  const root = siteRoot(import.meta.url);
  // updateViaCache "none": update checks fetch sw.js and the Workbox scripts it imports past the HTTP cache.
  const wb = new Workbox(new URL("sw.js", root).href, { scope: root.pathname, updateViaCache: "none" });
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled) window.location.reload(); // a new version took over: reload from it
    controlled = true; // the first install took control of an uncontrolled page: nothing to reload
  });
  wb.addEventListener("waiting", async () => {
    if (await askToUpdate(document.getElementById("ftp-update"))) wb.messageSkipWaiting();
  });
  // Where service workers are refused (some private windows, a browser or policy that blocks them),
  // registering fails: the site then simply works online, as without this script.
  wb.register().catch(() => {});
}

if ("serviceWorker" in navigator && /^https?:$/.test(window.location.protocol)) start();
