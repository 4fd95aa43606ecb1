"""Builds a Hugging Face-style token-classification ONNX export with random weights.

The default shapes are those of the reference model (Isotonic/distilbert_finetuned_ai4privacy_v2:
DistilBERT, 6 layers, hidden 768, 12 heads, FFN 3072, 512 positions, vocab 30522), so the engine's
compatibility with such exports and the benchmark's figures can be checked without downloading it.
Output folder: config.json (id2label over the ai4privacy classes), tokenizer.json (copied), model.onnx
with inputs input_ids/attention_mask (int64 [batch, seq]) and output logits [batch, seq, labels].

usage: /usr/bin/python3 make_random_hf_model.py OUT_DIR [--layers 6 --hidden 768 --heads 12 --ffn 3072]
"""
import argparse, json, math, os, shutil, sys
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = json.load(open(os.path.join(HERE, 'classes.json')))


class Layer(nn.Module):
    def __init__(self, h, heads, ffn):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(h), nn.LayerNorm(h)
        self.f1, self.f2 = nn.Linear(h, ffn), nn.Linear(ffn, h)

    def forward(self, x, bias):
        b, s, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, s, self.heads, d).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, s, h)
        x = self.ln1(x + self.o(ctx))  # post-LN, like DistilBERT
        return self.ln2(x + self.f2(torch.nn.functional.gelu(self.f1(x))))


class Model(nn.Module):
    def __init__(self, a, labels):
        super().__init__()
        self.tok = nn.Embedding(a.vocab, a.hidden)
        self.pos = nn.Embedding(a.positions, a.hidden)
        self.ln = nn.LayerNorm(a.hidden)
        self.layers = nn.ModuleList(Layer(a.hidden, a.heads, a.ffn) for _ in range(a.layers))
        self.cls = nn.Linear(a.hidden, labels)

    def forward(self, input_ids, attention_mask):
        pos = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.ln(self.tok(input_ids) + self.pos(pos))
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--layers', type=int, default=6)
    p.add_argument('--hidden', type=int, default=768)
    p.add_argument('--heads', type=int, default=12)
    p.add_argument('--ffn', type=int, default=3072)
    p.add_argument('--positions', type=int, default=512)
    p.add_argument('--vocab', type=int, default=30522)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--tokenizer', default=os.path.join(HERE, '..', 'pii-lint-mini', 'tokenizer.json'))
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(2)
    labels = ['O'] + [f'{bi}-{c}' for c in CLASSES for bi in ('B', 'I')]
    model = Model(a, len(labels)).eval()
    os.makedirs(a.out, exist_ok=True)
    ids = torch.randint(0, a.vocab, (1, 16))
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids)), os.path.join(a.out, 'model.onnx'),
                          input_names=['input_ids', 'attention_mask'], output_names=['logits'],
                          dynamic_axes={'input_ids': {0: 'batch', 1: 'seq'}, 'attention_mask': {0: 'batch', 1: 'seq'},
                                        'logits': {0: 'batch', 1: 'seq'}},
                          opset_version=17, dynamo=False)
    config = {
        'architectures': ['DistilBertForTokenClassification'], 'model_type': 'distilbert',
        '_name_or_path': f'random-distilbert-shaped-{a.layers}x{a.hidden}',
        'dim': a.hidden, 'n_layers': a.layers, 'n_heads': a.heads, 'hidden_dim': a.ffn,
        'max_position_embeddings': a.positions, 'vocab_size': a.vocab,
        'id2label': {str(i): l for i, l in enumerate(labels)}, 'label2id': {l: i for i, l in enumerate(labels)},
    }
    json.dump(config, open(os.path.join(a.out, 'config.json'), 'w'), indent=1)
    shutil.copy(a.tokenizer, os.path.join(a.out, 'tokenizer.json'))
    print(f'wrote {a.out}: {sum(p.numel() for p in model.parameters())/1e6:.1f}M parameters')


if __name__ == '__main__':
    sys.exit(main())
