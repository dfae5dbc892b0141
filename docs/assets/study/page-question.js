// Entry for question pages: the grading widget.
import { boot } from "./boot.js";
import { questionWidget } from "./question.js";

boot(() => {
  const mount = document.querySelector(".ftp-study[data-question-id]");
  if (mount) questionWidget(mount);
});
