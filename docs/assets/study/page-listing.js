// Entry for level, category and topic pages: counts, badges and the "still to review" filter.
import { boot } from "./boot.js";
import { listWidget } from "./lists.js";

boot(() => document.querySelectorAll("[data-ftp-list]").forEach(listWidget));
