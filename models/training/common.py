"""Shared helpers for the Python side of the pipeline (training/export only, never at runtime)."""
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
WORK = os.path.join(ROOT, 'models', 'training', 'work')
MODEL_DIR = os.path.join(ROOT, 'models', 'pii-lint-mini')


def bio_labels():
    """bioLabels() of server/src/engine/labels.ts, read from the source so there is one list."""
    src = open(os.path.join(ROOT, 'server', 'src', 'engine', 'labels.ts'), encoding='utf8').read()
    body = re.search(r'PII_CLASSES\s*=\s*\[(.*?)\]\s*as const', src, re.S).group(1)
    classes = re.findall(r"'([A-Z0-9_]+)'", body)
    assert len(classes) == 56, len(classes)
    out = ['O']
    for c in classes:
        out += ['B-' + c, 'I-' + c]
    return out


def spans_from_tags(tags, labels):
    """seqeval-style (IOB2, lenient) entity spans from a tag-id sequence: set of (start, end, class)."""
    spans = []
    cur = None
    for i, t in enumerate(tags):
        name = labels[t] if t >= 0 else 'O'
        if name == 'O':
            if cur:
                spans.append(tuple(cur))
            cur = None
            continue
        kind, cls = name[0], name[2:]
        if kind == 'B' or cur is None or cur[2] != cls:
            if cur:
                spans.append(tuple(cur))
            cur = [i, i + 1, cls]
        else:
            cur[1] = i + 1
    if cur:
        spans.append(tuple(cur))
    return spans


def f1_report(gold_seqs, pred_seqs, labels):
    """Micro and per-class entity P/R/F1 over sequences of tag ids (positions with gold -100 ignored)."""
    from collections import defaultdict
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    for g, p in zip(gold_seqs, pred_seqs):
        g2 = [x if x >= 0 else 0 for x in g]
        p2 = [y if x >= 0 else 0 for x, y in zip(g, p)]
        gs, ps = set(spans_from_tags(g2, labels)), set(spans_from_tags(p2, labels))
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    per = {}
    for c in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[c] / max(1, tp[c] + fp[c])
        r = tp[c] / max(1, tp[c] + fn[c])
        per[c] = dict(p=p, r=r, f1=0 if p + r == 0 else 2 * p * r / (p + r), support=tp[c] + fn[c])
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p = T / max(1, T + P)
    r = T / max(1, T + N)
    return dict(p=p, r=r, f1=0 if p + r == 0 else 2 * p * r / (p + r), per_class=per)
