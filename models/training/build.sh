#!/usr/bin/env bash
# Rebuilds models/pii-lint-mini/{lexicon.json,config.json,model.int8.onnx} from a seed.
#
#   SEED=1 N=80000 STEPS=2400 bash models/training/build.sh
#
# Needs: node (repo's npm deps installed), /usr/bin/python3 with Debian python3-torch and
# python3-onnx, and the wamerican dictionary (/usr/share/dict/american-english).
# Intermediate files go to models/training/work/ (gitignored); training resumes from its latest
# checkpoint if interrupted (re-run the same command). STEPS fixes the run length (reproducible);
# MINUTES=N instead sizes it from measured throughput (prints the step count it chose).
# Stages can be skipped with STAGES (default "lexicon corpus encode train export quantize check").
set -euo pipefail
cd "$(dirname "$0")/../.."

SEED="${SEED:-1}"
N="${N:-80000}"
STEPS="${STEPS:-}"
MINUTES="${MINUTES:-}"
PY=/usr/bin/python3
WORK=models/training/work
RUN="${RUN:-$WORK/run-seed$SEED}"
OUT="${OUT:-models/pii-lint-mini}"   # override only for smoke tests
STAGES="${STAGES:-lexicon corpus encode train export quantize check}"
mkdir -p "$WORK" "$OUT"
export PII_LINT_LEXICON="$OUT/lexicon.json"
has() { [[ " $STAGES " == *" $1 "* ]]; }

if [[ ! -f models/pii-lint-mini/tokenizer.json ]]; then node models/training/build-tokenizer.mjs models/pii-lint-mini/tokenizer.json; fi

if has lexicon; then
  npx tsx models/training/build-lexicon.ts $OUT/lexicon.json
fi
if has corpus; then
  npx tsx models/training/generate.ts --n "$N" --seed "$SEED" --out "$WORK/corpus-seed$SEED.jsonl"
fi
if has encode; then
  # Two halves in parallel (the encoder is per-line, so the result is the same as one pass).
  split -n l/2 -d "$WORK/corpus-seed$SEED.jsonl" "$WORK/corpus-seed$SEED.part."
  for p in 00 01; do
    npx tsx models/training/encode.ts "$WORK/corpus-seed$SEED.part.$p" "$WORK/enc-seed$SEED.part.$p" &
  done
  wait
  cat "$WORK/enc-seed$SEED.part.00" "$WORK/enc-seed$SEED.part.01" > "$WORK/enc-seed$SEED.jsonl"
  rm -f "$WORK"/corpus-seed$SEED.part.* "$WORK"/enc-seed$SEED.part.*
fi
if has train; then
  LEN=()
  if [[ -n $STEPS ]]; then LEN=(--steps "$STEPS"); elif [[ -n $MINUTES ]]; then LEN=(--minutes "$MINUTES"); else LEN=(--steps 2400); fi
  $PY models/training/train.py --data "$WORK/enc-seed$SEED.jsonl" --run "$RUN" --seed "$SEED" "${LEN[@]}" ${TRAIN_ARGS:-}
fi
if has export; then
  KEEP_CONFIG="$OUT/config.json" $PY models/training/export.py "$RUN/model.pt" "$RUN"
  cp "$RUN/config.json" $OUT/config.json
fi
if has quantize; then
  $PY models/training/quantize.py "$RUN/model.fp32.onnx" $OUT/model.int8.onnx
fi
if has check; then
  node models/training/check-quant.mjs "$RUN/model.fp32.onnx" $OUT/model.int8.onnx "$WORK/enc-seed$SEED.jsonl" --n 300 --json "$RUN/quant.json"
  sha256sum $OUT/model.int8.onnx $OUT/config.json $OUT/lexicon.json models/pii-lint-mini/tokenizer.json
fi
