"""Held-out-template entity F1 of a trained checkpoint on an encoded corpus's test split.

    /usr/bin/python3 models/training/evaluate.py RUN/model.pt work/enc-seedN.jsonl
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import torch  # noqa: E402

from common import bio_labels  # noqa: E402
from model import Config, PiiLintMini  # noqa: E402
from train import evaluate, load  # noqa: E402


class A:
    max_tokens = 4096


if __name__ == '__main__':
    torch.set_num_threads(int(os.environ.get('THREADS', 2)))
    ck = torch.load(sys.argv[1], map_location='cpu')
    m = PiiLintMini(Config(**ck['config']))
    m.load_state_dict(ck['model'])
    _, test = load(sys.argv[2])
    r = evaluate(m, test, bio_labels(), A())
    print(json.dumps({'f1': r['f1'], 'p': r['p'], 'r': r['r'], 'rows': len(test)}))
