"""Chooses per-class score thresholds on the external dev sets (../shared/eval), never on training data.

Input: raw predictions (`pii-lint detect --jsonl --min-score 0`) for some eval files. For each
predicted ai4privacy label, coordinate ascent over candidate thresholds maximises the summed F1_iou
of the official scorer (imported from score.py, so the metric is exactly the one reported).
Prints the thresholds as JSON; `--write CONFIG` stores them in a model's config.json
(pii_lint.thresholds), where the engine applies them.

usage: python3 tune_thresholds.py [--write config.json] [--floor CLASS=X ...] GOLD PRED [GOLD PRED ...]

--floor keeps a class's threshold at X or above whatever the dev sets prefer: for classes whose
false positives live in files the dev sets lack (PASSWORD on source code, measured with
scripts/false-positives-code.sh).
"""
import json, os, sys

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'eval')
sys.path.insert(0, EVAL)
import score as scorer  # noqa: E402

# A coarse grid: finer steps only fit the dev sets' noise.
CANDIDATES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def load(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def f1_for(datasets, thr, default):
    total = 0.0
    for name, gold_path, preds in datasets:
        tmp = gold_path + '.tmp'
        with open(f'/tmp/tune-{os.getpid()}.jsonl', 'w') as f:
            for p in preds:
                ents = [e for e in p['entities'] if e['score'] >= thr.get(e['label'], default)]
                f.write(json.dumps({'id': p['id'], 'entities': ents}) + '\n')
        c, _ = scorer.score(name, gold_path, f'/tmp/tune-{os.getpid()}.jsonl')
        p_, r_ = scorer.ratio(c['tp'], c['pred']), scorer.ratio(c['tp'], c['gold'])
        f = scorer.f1(p_, r_)
        total += 0.0 if f != f else f
    return total


def main():
    args = sys.argv[1:]
    write = None
    floors = {}
    while args[:1] in (['--write'], ['--floor']):
        if args[0] == '--write':
            write = args[1]
        else:
            cls, x = args[1].split('=')
            floors[cls] = float(x)
        args = args[2:]
    datasets = []
    for gold, pred in zip(args[0::2], args[1::2]):
        datasets.append((os.path.basename(gold).replace('.jsonl', ''), gold, load(pred)))
    labels = sorted({e['label'] for _, _, ps in datasets for p in ps for e in p['entities']})
    default = 0.5
    thr = {l: default for l in labels}
    best = f1_for(datasets, thr, default)
    print(f'start: summed F1_iou {best:.4f}', file=sys.stderr)
    for _ in range(2):
        for l in labels:
            for c in CANDIDATES:
                old = thr[l]
                thr[l] = c
                v = f1_for(datasets, thr, default)
                if v > best + 1e-9:
                    best = v
                else:
                    thr[l] = old
        print(f'pass: summed F1_iou {best:.4f}', file=sys.stderr)
    for cls, x in floors.items():
        if thr.get(cls, default) < x:
            thr[cls] = x
    best = f1_for(datasets, thr, default)
    print(f'with floors {floors}: summed F1_iou {best:.4f}', file=sys.stderr)
    thr = {l: v for l, v in thr.items() if v != default}
    print(json.dumps(thr, indent=1, sort_keys=True))
    if write:
        cfg = json.load(open(write))
        cfg.setdefault('pii_lint', {})['thresholds'] = thr
        cfg['pii_lint']['default_threshold'] = default
        with open(write, 'w') as f:  # the layout export.py writes, so diffs stay small
            json.dump(cfg, f, indent=2, ensure_ascii=False)
            f.write('\n')
        print(f'wrote thresholds into {write}', file=sys.stderr)


if __name__ == '__main__':
    main()
