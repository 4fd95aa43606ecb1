"""Trains pii-lint-mini on encoded synthetic data (run with /usr/bin/python3: Debian torch).

    /usr/bin/python3 models/training/train.py --data models/training/work/train.enc.jsonl \
        --run models/training/work/run1 --steps 6000 --seed 1

Checkpoints to RUN/ckpt.pt every --ckpt-minutes and resumes from it automatically. At the end
writes RUN/model.pt and RUN/metrics.json (entity F1 on the held-out-template split, per class).
--minutes N sizes --steps from the throughput measured over the first steps (printed, so the
run can be repeated with a fixed --steps).
"""
import argparse
import json
import math
import os
import random
import sys
import time

# glibc returns big freed blocks to the OS, so every new batch shape page-faults its buffers again
# (measured: 5-10x slower steps with variable lengths). Keep them: set before torch allocates.
if os.environ.get('MALLOC_MMAP_THRESHOLD_') is None:
    os.environ.update(MALLOC_MMAP_THRESHOLD_='33554432', MALLOC_TRIM_THRESHOLD_='4294967296', MALLOC_TOP_PAD_='536870912')
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from common import bio_labels, f1_report  # noqa: E402
from model import Config, build_model  # noqa: E402

VOCAB_LO = 1996  # first ordinary word piece in BERT uncased (below: [unused], single chars)


def load(path):
    train, test = [], []
    with open(path, encoding='utf8') as f:
        for line in f:
            r = json.loads(line)
            row = (r['ids'], r['shape'], r['lex'], r['labels'])
            (test if r.get('split') == 'test' else train).append(row)
    return train, test


def pack(rows, frac, max_len, rng):
    """Concatenates random rows into longer ones ([CLS] a b c [SEP]) so the model sees long, mixed
    windows like the engine's. `frac` of the rows end up in packs of up to a random 128..max_len tokens."""
    if frac <= 0:
        return rows
    idx = list(range(len(rows)))
    rng.shuffle(idx)
    n_pack = int(len(idx) * frac)
    singles = [rows[i] for i in idx[n_pack:]]
    packed = []
    cur = None
    target = 0
    for i in idx[:n_pack]:
        ids, shape, lex, lab = rows[i]
        body = (ids[1:-1], shape[1:-1], lex[1:-1], lab[1:-1])
        if cur is None or len(cur[0]) + len(body[0]) + 1 > target:
            if cur is not None:
                packed.append((cur[0] + [ids[-1]], cur[1] + [0], cur[2] + [0], cur[3] + [-100]))
            target = rng.randint(128, max_len)
            cur = ([ids[0]], [0], [0], [-100])
        cur = (cur[0] + body[0], cur[1] + body[1], cur[2] + body[2], cur[3] + body[3])
    if cur is not None:
        packed.append((cur[0] + [rows[0][0][-1]], cur[1] + [0], cur[2] + [0], cur[3] + [-100]))
    return singles + packed


def batches(rows, max_tokens, max_batch, rng, shuffle=True):
    idx = list(range(len(rows)))
    if shuffle:
        rng.shuffle(idx)
    out = []
    chunk = 4096
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c:c + chunk], key=lambda i: len(rows[i][0]))
        cur = []
        longest = 0
        for i in part:
            n = len(rows[i][0])
            if cur and (max(longest, n) * (len(cur) + 1) > max_tokens or len(cur) >= max_batch):
                out.append(cur)
                cur, longest = [], 0
            cur.append(i)
            longest = max(longest, n)
        if cur:
            out.append(cur)
    if shuffle:
        rng.shuffle(out)
    return out


def collate(rows, ids_, augment, gen, args):
    t = max(len(rows[i][0]) for i in ids_)
    t = (t + 7) // 8 * 8  # fewer distinct shapes
    b = len(ids_)
    ids = torch.zeros(b, t, dtype=torch.long)
    shape = torch.zeros(b, t, dtype=torch.long)
    lex = torch.zeros(b, t, dtype=torch.long)
    lab = torch.full((b, t), -100, dtype=torch.long)
    mask = torch.zeros(b, t, dtype=torch.long)
    for k, i in enumerate(ids_):
        r = rows[i]
        n = len(r[0])
        ids[k, :n] = torch.tensor(r[0])
        shape[k, :n] = torch.tensor(r[1])
        lex[k, :n] = torch.tensor(r[2])
        lab[k, :n] = torch.tensor(r[3])
        mask[k, :n] = 1
    if augment:
        real = lab != -100
        rnd = torch.rand(b, t, generator=gen)
        o_tok = real & (lab == 0)
        e_tok = real & (lab > 0)
        # Unfamiliar words are not entities: swap some O tokens for random vocabulary ids;
        # and entity tokens for random ids (unseen names/values still need recognising from context).
        swap = (o_tok & (rnd < args.o_swap)) | (e_tok & (rnd < args.e_swap))
        rand_ids = torch.randint(VOCAB_LO, 30522, (b, t), generator=gen)
        ids = torch.where(swap, rand_ids, ids)
        # Lexicon dropout: whole examples and single tokens lose their list bits.
        drop_ex = torch.rand(b, 1, generator=gen) < args.lex_drop_ex
        drop_tok = torch.rand(b, t, generator=gen) < args.lex_drop_tok
        lex = torch.where(drop_ex | drop_tok | swap, torch.zeros_like(lex), lex)
    return ids, mask, shape, lex, lab


def evaluate(model, rows, labels, args, limit=None):
    model.eval()
    rows = rows[:limit] if limit else rows
    gold, pred = [], []
    with torch.no_grad():
        for bi in batches(rows, args.max_tokens * 2, 256, random.Random(0), shuffle=False):
            ids, mask, shape, lex, lab = collate(rows, bi, False, None, args)
            logits = model(ids, mask, shape, lex)
            p = logits.argmax(-1)
            for k in range(len(bi)):
                n = int(mask[k].sum())
                gold.append(lab[k, :n].tolist())
                pred.append(p[k, :n].tolist())
    model.train()
    return f1_report(gold, pred, labels)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--run', required=True)
    ap.add_argument('--seed', type=int, default=int(os.environ.get('SEED', 1)))
    ap.add_argument('--steps', type=int, default=0)
    ap.add_argument('--minutes', type=float, default=0)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--warmup', type=int, default=300)
    ap.add_argument('--max-tokens', type=int, default=4096)
    ap.add_argument('--max-batch', type=int, default=64)
    ap.add_argument('--o-swap', type=float, default=0.10)
    ap.add_argument('--e-swap', type=float, default=0.05)
    ap.add_argument('--lex-drop-ex', type=float, default=0.2)
    ap.add_argument('--lex-drop-tok', type=float, default=0.1)
    ap.add_argument('--pos-shift', type=float, default=0.5, help='share of rows placed at a random position offset')
    ap.add_argument('--pack-frac', type=float, default=0.0, help='share of rows concatenated into long rows')
    ap.add_argument('--pack-len', type=int, default=512)
    ap.add_argument('--ckpt-minutes', type=float, default=3)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--init', default='', help='start from these weights (model.pt) instead of random')
    ap.add_argument('--pretrained', default='', help='model v2: a Hugging Face BERT folder (config.json, '
                    'model.safetensors) whose encoder the model starts from')
    ap.add_argument('--head-lr-mult', type=float, default=10.0,
                    help='v2: learning-rate multiple for the new parts (classifier, shape and lexicon inputs)')
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    os.makedirs(args.run, exist_ok=True)
    labels = bio_labels()

    t0 = time.time()
    train, test = load(args.data)
    print(f'loaded {len(train)} train rows, {len(test)} held-out-template rows in {time.time() - t0:.1f}s', flush=True)

    if args.pack_frac > 0:
        n0 = len(train)
        train = pack(train, args.pack_frac, args.pack_len, random.Random(args.seed + 7))
        print(f'packed {args.pack_frac:.0%} of {n0} rows into longer ones: {len(train)} rows, '
              f'max {max(len(r[0]) for r in train)} tokens', flush=True)

    if args.pretrained:
        hf = json.load(open(os.path.join(args.pretrained, 'config.json')))
        cfg = Config(num_labels=len(labels), arch='bert', vocab_size=hf['vocab_size'], embed_dim=hf['hidden_size'],
                     hidden=hf['hidden_size'], layers=hf['num_hidden_layers'], heads=hf['num_attention_heads'],
                     ffn=hf['intermediate_size'], max_positions=hf['max_position_embeddings'])
    else:
        cfg = Config(num_labels=len(labels))
    model = build_model(cfg)
    if args.pretrained:
        from safetensors.torch import load_file
        model.load_pretrained(load_file(os.path.join(args.pretrained, 'model.safetensors')))
        print(f'encoder from {args.pretrained}', flush=True)
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location='cpu')['model'])
    nparams = sum(p.numel() for p in model.parameters())
    print(f'model: {nparams / 1e6:.2f}M parameters', flush=True)
    # v2: the parts that start untrained learn faster than the pretrained encoder.
    new = ('cls.', 'shape.', 'lex.') if args.pretrained else ()
    groups = {}
    for n, p in model.named_parameters():
        wd = 0.01 if p.dim() >= 2 and 'pos' not in n else 0.0
        mult = args.head_lr_mult if n.startswith(new) else 1.0
        groups.setdefault((wd, mult), []).append(p)
    opt = torch.optim.AdamW([{'params': ps, 'weight_decay': wd, 'lr_mult': mult} for (wd, mult), ps in groups.items()],
                            lr=args.lr, betas=(0.9, 0.98), eps=1e-6)
    state = {'step': 0, 'total': args.steps, 'epoch': 0, 'pos': 0, 'elapsed': 0.0}

    ckpt_path = os.path.join(args.run, 'ckpt.pt')
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location='cpu')
        model.load_state_dict(ck['model'])
        opt.load_state_dict(ck['opt'])
        state = ck['state']
        rng.setstate(ck['rng'])
        gen.set_state(ck['gen'])
        torch.set_rng_state(ck['torch_rng'])
        print(f"resumed from step {state['step']} / {state['total']}", flush=True)
        if args.steps and args.steps != state['total']:
            print(f"run length changed: {state['total']} -> {args.steps} steps", flush=True)
            state['total'] = args.steps

    def lr_at(step):
        total = max(state['total'], 1)
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        return args.lr * max(0.02, 1 - (step - args.warmup) / max(1, total - args.warmup))

    def save():
        tmp = ckpt_path + '.tmp'
        torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'state': state, 'rng': rng.getstate(),
                    'gen': gen.get_state(), 'torch_rng': torch.get_rng_state(), 'args': vars(args)}, tmp)
        os.replace(tmp, ckpt_path)

    model.train()
    epoch_batches = None
    last_ckpt = time.time()
    t_start = time.time()
    elapsed0 = state['elapsed']
    seen = 0
    measure_from, measure_at = 10, 40
    t_measure = None
    seen_measure = 0
    while state['total'] == 0 or state['step'] < state['total']:
        if epoch_batches is None or state['pos'] >= len(epoch_batches):
            if epoch_batches is not None:
                state['epoch'] += 1
                state['pos'] = 0
            erng = random.Random(args.seed * 1000 + state['epoch'])
            epoch_batches = batches(train, args.max_tokens, args.max_batch, erng)
        bi = epoch_batches[state['pos']]
        state['pos'] += 1
        ids, mask, shape, lex, lab = collate(train, bi, True, gen, args)
        for g in opt.param_groups:
            g['lr'] = lr_at(state['step']) * g.get('lr_mult', 1.0)
        pos_offset = None
        if args.pos_shift > 0:
            b_, t_ = ids.shape
            shift = (torch.rand(b_, generator=gen) * (cfg.max_positions - t_ + 1)).long()
            keep = torch.rand(b_, generator=gen) >= args.pos_shift
            pos_offset = torch.where(keep, torch.zeros_like(shift), shift)
        logits = model(ids, mask, shape, lex, pos_offset)
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), lab.view(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state['step'] += 1
        seen += len(bi)
        now = time.time()
        state['elapsed'] = elapsed0 + now - t_start
        if state['step'] == measure_from:
            t_measure, seen_measure = now, seen
        if state['step'] == measure_at and t_measure is not None:
            dt = now - t_measure
            rate = (seen - seen_measure) / dt
            print(f'throughput: {rate:.1f} rows/s, {dt / (measure_at - measure_from):.2f} s/step', flush=True)
            if state['total'] == 0:
                if args.minutes <= 0:
                    raise SystemExit('give --steps or --minutes')
                state['total'] = int(args.minutes * 60 / (dt / (measure_at - measure_from)))
                print(f'sized run: --steps {state["total"]} for {args.minutes} min', flush=True)
        if state['step'] % 100 == 0 or state['step'] in (1, 5, 10, 20):
            print(f"step {state['step']}/{state['total']} epoch {state['epoch']} loss {loss.item():.4f} "
                  f"lr {lr_at(state['step']):.2e} {state['elapsed'] / 60:.1f} min", flush=True)
        if now - last_ckpt > args.ckpt_minutes * 60:
            save()
            last_ckpt = now
        if state['step'] % 2000 == 0:
            m = evaluate(model, test, labels, args, limit=1500)
            print(f"  held-out-template F1 {m['f1']:.4f} (P {m['p']:.3f} R {m['r']:.3f})", flush=True)
    save()

    m = evaluate(model, test, labels, args)
    seen_m = evaluate(model, train[-3000:], labels, args)
    print(f"held-out-template entity F1 {m['f1']:.4f} (P {m['p']:.4f} R {m['r']:.4f}); "
          f"seen-template F1 {seen_m['f1']:.4f}", flush=True)
    for c, v in sorted(m['per_class'].items(), key=lambda kv: -kv[1]['support']):
        print(f"  {c:22s} F1 {v['f1']:.3f}  P {v['p']:.3f}  R {v['r']:.3f}  n={v['support']}")
    torch.save({'model': model.state_dict(), 'config': cfg.to_dict(), 'labels': labels}, os.path.join(args.run, 'model.pt'))
    json.dump({'heldout': m, 'seen': {k: v for k, v in seen_m.items() if k != 'per_class'}, 'steps': state['step'],
               'epochs': state['epoch'] + state['pos'] / max(1, len(epoch_batches or [1])),
               'train_minutes': state['elapsed'] / 60, 'train_rows': len(train), 'test_rows': len(test), 'args': vars(args)},
              open(os.path.join(args.run, 'metrics.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
