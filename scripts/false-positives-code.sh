#!/usr/bin/env bash
# False positives on PII-free code quoted in MODEL.md, scanned with default settings (files are
# copied out of node_modules, which scans skip). Prints findings per class and per 1,000 lines.
#   bash scripts/false-positives-code.sh          # lib.es5.d.ts + lib.dom.d.ts + validator's isEmail.js
#   bash scripts/false-positives-code.sh --wide   # every TypeScript lib.*.d.ts, all of validator/lib,
#                                                 # vscode-jsonrpc and vscode-languageserver-protocol JS
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
lib="$(dirname "$(find "$root/node_modules" -name lib.es5.d.ts | head -1)")"
if [[ "${1:-}" == "--wide" ]]; then
  mkdir -p "$dir/ts" "$dir/validator" "$dir/lsp"
  cp "$lib"/lib.*.d.ts "$dir/ts/"
  cp "$root"/node_modules/validator/lib/*.js "$dir/validator/"
  # Same file names in both packages: keep their folders apart.
  (cd "$root/node_modules" && find vscode-jsonrpc/lib vscode-languageserver-protocol/lib -name '*.js' -exec cp --parents {} "$dir/lsp/" \;)
else
  cp "$lib/lib.es5.d.ts" "$lib/lib.dom.d.ts" "$root/node_modules/validator/lib/isEmail.js" "$dir/"
fi
lines=$(find "$dir" -type f -exec cat {} + | wc -l)
cd "$dir"
node "$root/dist/cli.js" scan . -f json 2>/dev/null | python3 -c "
import json, sys, collections
f = json.load(sys.stdin)['findings']
print(len(f), 'findings in', $lines, 'lines:', round(len(f) * 1000 / $lines, 2), 'per 1,000 lines')
print(dict(collections.Counter(x['label'] for x in f)))" || true
