"""Averages the weights of two checkpoints of one architecture (a "model soup"): both must come
from the same warm-started chain, so that their weights lie in one basin.

usage: /usr/bin/python3 average.py A/model.pt B/model.pt OUT/model.pt
(then export.py / quantize.py on OUT as for a trained run)
"""
import copy, os, sys

import torch


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: average.py A/model.pt B/model.pt OUT/model.pt')
    torch.set_num_threads(2)
    a, b = (torch.load(p, map_location='cpu', weights_only=False) for p in sys.argv[1:3])
    if a['config'] != b['config'] or a['labels'] != b['labels']:
        sys.exit('average.py: the checkpoints differ in architecture or labels')
    out = copy.deepcopy(a)
    for k, v in a['model'].items():
        if v.is_floating_point():
            out['model'][k] = (v + b['model'][k]) / 2
    os.makedirs(os.path.dirname(os.path.abspath(sys.argv[3])), exist_ok=True)
    torch.save(out, sys.argv[3])
    print('wrote', sys.argv[3])


if __name__ == '__main__':
    main()
