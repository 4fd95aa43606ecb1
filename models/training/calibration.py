"""Calibration of reported confidence on the external dev sets: of the findings scored in each
band, how many are right (overlap a gold span of an accepted category, with the official
scorer's category maps; only categories the source annotates are counted).

usage: python3 calibration.py GOLD PRED [GOLD PRED ...]   (PRED from `pii-lint detect --jsonl --min-score 0`)
"""
import json, os, sys

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'eval')
sys.path.insert(0, EVAL)
import score as scorer  # noqa: E402

BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 1.01)]


def main():
    args = sys.argv[1:]
    total = {b: [0, 0] for b in BANDS}
    for gold_path, pred_path in zip(args[0::2], args[1::2]):
        golds = {str(g['id']): g for g in map(json.loads, open(gold_path))}
        cats = {scorer.GOLD_CAT.get(s['label']) for g in golds.values() for s in g['spans']} - {None}
        for line in open(pred_path):
            p = json.loads(line)
            g = golds.get(str(p['id']))
            if g is None:
                continue
            gold = [dict(s, cat=scorer.GOLD_CAT.get(s['label'])) for s in g['spans']]
            for e in p['entities']:
                cat = scorer.PRED_CAT.get(e['label'])
                if cat not in cats:
                    continue
                right = any(scorer.overlap(s, e) and s['cat'] and scorer.accepts(s['cat'], cat) for s in gold)
                for b in BANDS:
                    if b[0] <= e['score'] < b[1]:
                        total[b][0] += 1
                        total[b][1] += right
    print('score band     findings  right   precision')
    for b in BANDS:
        n, r = total[b]
        print(f'[{b[0]:.2f}, {min(b[1], 1):.2f})  {n:8d} {r:6d}   {r / n if n else float("nan"):.3f}')


if __name__ == '__main__':
    main()
