#!/usr/bin/env bash
# False positives on PII-free code quoted in MODEL.md: TypeScript's lib.es5.d.ts and lib.dom.d.ts
# and validator's isEmail.js, scanned with default settings (copied out of node_modules, which
# scans skip). Prints findings per class and per 1,000 lines.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
lib="$(dirname "$(find "$root/node_modules" -name lib.es5.d.ts | head -1)")"
cp "$lib/lib.es5.d.ts" "$lib/lib.dom.d.ts" "$root/node_modules/validator/lib/isEmail.js" "$dir/"
lines=$(cat "$dir"/* | wc -l)
cd "$dir"
node "$root/dist/cli.js" scan . -f json 2>/dev/null | python3 -c "
import json, sys, collections
f = json.load(sys.stdin)['findings']
print(len(f), 'findings in', $lines, 'lines:', round(len(f) * 1000 / $lines, 2), 'per 1,000 lines')
print(dict(collections.Counter(x['label'] for x in f)))" || true
