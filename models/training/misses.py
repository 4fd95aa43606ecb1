"""Where a model's misses are on an external dev set: gold spans left unmatched by the official
scorer's matching (same category maps, merge and IoU >= 0.5), grouped by category and by the
`template_label` that presidio's generator wrote on each gold span.

usage: python3 misses.py GOLD PRED   (PRED from `pii-lint detect --jsonl`, e.g. `npm run eval -- --out DIR`)
"""
import collections, json, os, sys

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'eval')
sys.path.insert(0, EVAL)
import score as scorer  # noqa: E402


def matched_gold(gold, merged):
    """Indices of the gold spans the scorer's greedy one-to-one IoU matching pairs with a prediction."""
    pairs = sorted(((scorer.iou(s, p), i, j) for i, s in enumerate(gold) for j, p in enumerate(merged)
                    if scorer.accepts(s['cat'], p['cat'])), reverse=True)
    used_g, used_p = set(), set()
    for v, i, j in pairs:
        if v < 0.5:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return used_g


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: misses.py GOLD PRED')
    golds = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    preds = {str(d['id']): d['entities'] for d in map(json.loads, open(sys.argv[2])) if d}
    cats = {scorer.GOLD_CAT.get(s['label']) for g in golds for s in g['spans']} - {None}
    by = collections.defaultdict(collections.Counter)
    for g in golds:
        plist = [dict(p, cat=scorer.PRED_CAT.get(p['label'])) for p in preds.get(str(g['id']), [])]
        merged = scorer.merge([p for p in plist if p['cat'] in cats], g['text'])
        gold = [dict(s, cat=scorer.GOLD_CAT.get(s['label'])) for s in g['spans'] if scorer.GOLD_CAT.get(s['label'])]
        hit = matched_gold(gold, merged)
        for i, s in enumerate(gold):
            key = (s['cat'], s.get('template_label') or '-')
            by[key]['gold'] += 1
            by[key]['matched'] += i in hit
    lost = sum(v['gold'] - v['matched'] for v in by.values())
    total = sum(v['gold'] for v in by.values())
    print(f'{lost} of {total} gold spans unmatched')
    for (cat, label), v in sorted(by.items(), key=lambda kv: kv[1]['matched'] - kv[1]['gold']):
        if v['gold'] > v['matched']:
            print(f"{cat:9} {label:24} missed {v['gold'] - v['matched']:4} of {v['gold']}")


if __name__ == '__main__':
    main()
