// The "Interview code" form of both views: a typed code opens this page with ?code=..., or says why not.
import { decode, normalise } from "./code.js";

export function joinForm(form, levelCount) {
  const status = form.querySelector("[data-ftp-join-status]");
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = form.elements.code.value;
    if (!decode(typed, levelCount)) {
      status.textContent = "That is not an interview code of this site: check the letters and digits.";
      return;
    }
    const code = normalise(typed);
    window.location.search = new URLSearchParams({ code: `${code.slice(0, 4)}-${code.slice(4)}` }).toString();
  });
}
