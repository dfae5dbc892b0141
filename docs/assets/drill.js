// The quick check on a question page (macros/pages/templates/_drill.md.j2): each statement gets
// "True" and "False" buttons; the answer and its explanation stay hidden until the reader picks one,
// then show with a verdict, and the score counts up. Nothing is stored: it is a drill, not a grade.
// Without this script the drill reads as a list of statements with their answers.

/** The score line for `right` correct answers out of `answered`, with `total` statements. */
export function scoreText(right, answered, total) {
  if (answered < total) return `${right} of ${answered} right so far; ${total - answered} to go.`;
  return `You got ${right} of ${total} right.`;
}

function setUp(drill) {
  const items = [...drill.querySelectorAll("[data-ftp-drill-item]")];
  const score = drill.querySelector("[data-ftp-drill-score]");
  const again = drill.querySelector("[data-ftp-drill-again]");
  let right = 0;
  let answered = 0;

  const reset = () => {
    right = 0;
    answered = 0;
    for (const item of items) {
      item.querySelector("[data-ftp-drill-answer]").hidden = true;
      item.querySelector("[data-ftp-drill-choices]").hidden = false;
      item.querySelector("[data-ftp-drill-verdict]").hidden = true;
      item.classList.remove("ftp-drill__item--right", "ftp-drill__item--wrong");
      for (const button of item.querySelectorAll("[data-ftp-choice]")) {
        button.disabled = false;
        button.setAttribute("aria-pressed", "false");
      }
    }
    score.hidden = true;
    again.hidden = true;
  };

  const choose = (item, button) => {
    const correct = button.dataset.ftpChoice === item.dataset.ftpTruth;
    right += correct ? 1 : 0;
    answered += 1;
    for (const other of item.querySelectorAll("[data-ftp-choice]")) other.disabled = true;
    button.setAttribute("aria-pressed", "true");
    const verdict = item.querySelector("[data-ftp-drill-verdict]");
    verdict.textContent = correct ? "Right:" : "Not quite:";
    verdict.hidden = false;
    item.classList.add(correct ? "ftp-drill__item--right" : "ftp-drill__item--wrong");
    item.querySelector("[data-ftp-drill-answer]").hidden = false;
    score.textContent = scoreText(right, answered, items.length);
    score.hidden = false;
    again.hidden = answered < items.length;
  };

  for (const item of items) {
    for (const button of item.querySelectorAll("[data-ftp-choice]")) {
      button.addEventListener("click", () => choose(item, button));
    }
  }
  again.querySelector("button").addEventListener("click", () => {
    reset();
    items[0]?.querySelector("[data-ftp-choice]")?.focus();
  });
  reset();
}

// The drill's styles load from here, not from a <link> in the head: the drill starts collapsed, so a
// render-blocking stylesheet would only delay the page (Lighthouse measured it on questions/lora/).
const drills = document.querySelectorAll("[data-ftp-drill]");
if (drills.length) {
  const href = new URL("drill.css", import.meta.url).href;
  document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
}
for (const drill of drills) setUp(drill);
