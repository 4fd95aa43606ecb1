"""Exports a trained pii-lint-mini to ONNX (opset 17) and writes the model folder's config.json.

    /usr/bin/python3 models/training/export.py RUN/model.pt OUT_DIR   # writes OUT_DIR/model.fp32.onnx, config.json

Inputs: input_ids, attention_mask, shape_ids, lex_ids (int64 [batch, seq], dynamic); output logits
[batch, seq, labels]. id2label is bioLabels() order (checked against the checkpoint).
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from common import bio_labels  # noqa: E402
from model import Config, build_model  # noqa: E402


def main():
    ckpt_path, out_dir = sys.argv[1], sys.argv[2]
    # Longest inference window (tokens incl. [CLS]/[SEP]) the model was validated on; the engine
    # reads pii_lint.max_window. Override with MAX_WINDOW=n when a model trained on longer rows.
    max_window = int(os.environ.get('MAX_WINDOW', 128))
    os.makedirs(out_dir, exist_ok=True)
    ck = torch.load(ckpt_path, map_location='cpu')
    labels = bio_labels()
    assert ck['labels'] == labels, 'checkpoint labels differ from labels.ts bioLabels()'
    cfg = Config(**ck['config'])
    model = build_model(cfg)
    model.load_state_dict(ck['model'])
    model.eval()

    b, t = 2, 16
    dummy = (torch.randint(0, cfg.vocab_size, (b, t)), torch.ones(b, t, dtype=torch.long),
             torch.randint(0, cfg.shape_count, (b, t)), torch.randint(0, cfg.lex_count, (b, t)))
    names = ['input_ids', 'attention_mask', 'shape_ids', 'lex_ids']
    onnx_path = os.path.join(out_dir, 'model.fp32.onnx')
    torch.onnx.export(model, dummy, onnx_path, input_names=names, output_names=['logits'],
                      dynamic_axes={**{n: {0: 'batch', 1: 'sequence'} for n in names},
                                    'logits': {0: 'batch', 1: 'sequence'}},
                      opset_version=17, do_constant_folding=True, dynamo=False)

    import onnx
    m = onnx.load(onnx_path)
    onnx.checker.check_model(m)
    m.producer_name = 'pii-lint'
    onnx.save(m, onnx_path)

    config = {
        'architectures': ['PiiLintBertForTokenClassification' if cfg.arch == 'bert' else 'PiiLintMiniForTokenClassification'],
        'model_type': 'pii-lint-bert' if cfg.arch == 'bert' else 'pii-lint-mini',
        'id2label': {str(i): l for i, l in enumerate(labels)},
        'label2id': {l: i for i, l in enumerate(labels)},
        'num_labels': len(labels),
        'vocab_size': cfg.vocab_size,
        'embedding_size': cfg.embed_dim,
        'hidden_size': cfg.hidden,
        'num_hidden_layers': cfg.layers,
        'num_attention_heads': cfg.heads,
        'intermediate_size': cfg.ffn,
        'hidden_act': 'gelu',
        'max_position_embeddings': cfg.max_positions,
        'pad_token_id': 0,
        'pii_lint': {
            'inputs': names,
            'lexicon': 'lexicon.json',
            'shape_count': cfg.shape_count,
            'lex_count': cfg.lex_count,
            # Rows were encoded at <= 128 tokens: the engine keeps its windows to what was trained.
            'max_window': 128,
        },
    }
    # Settings chosen after training (per-class thresholds from the engine's evaluation) live in the
    # shipped config.json; KEEP_CONFIG=that file carries them over to the new export.
    keep = os.environ.get('KEEP_CONFIG')
    if keep and os.path.exists(keep):
        old = json.load(open(keep)).get('pii_lint', {})
        for k in ('thresholds', 'default_threshold'):
            if k in old:
                config['pii_lint'][k] = old[k]
                print(f'kept pii_lint.{k} from {keep} (tuned for the previous model: re-tune)')
    with open(os.path.join(out_dir, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
        f.write('\n')
    print(f'exported {onnx_path} ({os.path.getsize(onnx_path) / 1e6:.1f} MB) and config.json')


if __name__ == '__main__':
    main()
