"""pii-lint-mini: a compact token-classification encoder sized for editor latency.

Inputs (int64 [batch, seq]): input_ids (BERT uncased WordPiece ids), attention_mask, shape_ids
(word shape class, 0..15), lex_ids (OR of lexicon bits, 0..63). Output: logits [batch, seq, labels].

Written with plain nn.Linear / softmax attention so the ONNX export is a clean graph of MatMul,
Add, Softmax, LayerNormalization and Gather (no fused fast paths).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    def __init__(self, vocab_size=30522, embed_dim=128, hidden=256, layers=4, heads=4, ffn=1024,
                 max_positions=512, shape_count=16, lex_count=64, lex_bits=6, num_labels=113, dropout=0.1, arch='mini'):
        self.vocab_size = vocab_size
        self.embed_dim = embed_dim
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.ffn = ffn
        self.max_positions = max_positions
        self.shape_count = shape_count
        self.lex_count = lex_count
        self.lex_bits = lex_bits
        self.num_labels = num_labels
        self.dropout = dropout
        self.arch = arch

    def to_dict(self):
        return dict(self.__dict__)


class Attention(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.heads = c.heads
        self.dim = c.hidden // c.heads
        self.q = nn.Linear(c.hidden, c.hidden)
        self.k = nn.Linear(c.hidden, c.hidden)
        self.v = nn.Linear(c.hidden, c.hidden)
        self.o = nn.Linear(c.hidden, c.hidden)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x, bias):
        b, t, h = x.shape
        q = self.q(x).view(b, t, self.heads, self.dim).transpose(1, 2)
        k = self.k(x).view(b, t, self.heads, self.dim).transpose(1, 2)
        v = self.v(x).view(b, t, self.heads, self.dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.dim)) + bias
        p = torch.softmax(scores, dim=-1)
        y = torch.matmul(p, v).transpose(1, 2).reshape(b, t, h)
        return self.o(y)


class Layer(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln1 = nn.LayerNorm(c.hidden)
        self.attn = Attention(c)
        self.ln2 = nn.LayerNorm(c.hidden)
        self.fc1 = nn.Linear(c.hidden, c.ffn)
        self.fc2 = nn.Linear(c.ffn, c.hidden)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x, bias):
        x = x + self.drop(self.attn(self.ln1(x), bias))
        x = x + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(x)))))
        return x


def lex_bit_table(c: Config) -> torch.Tensor:
    """Row i: the lexicon bits of lex id i (first name, last name, place…), as floats."""
    return torch.tensor([[(i >> b) & 1 for b in range(c.lex_bits)] for i in range(c.lex_count)], dtype=torch.float32)


class PiiLintMini(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.config = c
        self.tok = nn.Embedding(c.vocab_size, c.embed_dim)
        self.tok_proj = nn.Linear(c.embed_dim, c.hidden)
        self.pos = nn.Embedding(c.max_positions, c.hidden)
        self.shape = nn.Embedding(c.shape_count, c.hidden)
        # lex id -> its bits (constant table), then a Linear: unseen bit combinations still work.
        self.register_buffer('lex_table', lex_bit_table(c), persistent=False)
        self.lex = nn.Linear(c.lex_bits, c.hidden)
        self.ln_emb = nn.LayerNorm(c.hidden)
        self.drop = nn.Dropout(c.dropout)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c.layers)])
        self.ln_out = nn.LayerNorm(c.hidden)
        self.cls = nn.Linear(c.hidden, c.num_labels)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, input_ids, attention_mask, shape_ids, lex_ids, pos_offset=None):
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        if pos_offset is not None:
            # Training only: rows start at random positions so all max_positions embeddings learn
            # (inference windows are longer than training rows).
            positions = positions + pos_offset.unsqueeze(1)
        x = self.tok_proj(self.tok(input_ids)) + self.pos(positions) + self.shape(shape_ids) \
            + self.lex(self.lex_table[lex_ids])
        x = self.drop(self.ln_emb(x))
        bias = (1.0 - attention_mask.to(x.dtype)).unsqueeze(1).unsqueeze(2) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(self.ln_out(x))


class BertLayer(nn.Module):
    """A post-LayerNorm BERT layer (the layout of the pretrained encoder's weights)."""

    def __init__(self, c: Config):
        super().__init__()
        self.attn = Attention(c)
        self.ln1 = nn.LayerNorm(c.hidden, eps=1e-12)
        self.fc1 = nn.Linear(c.hidden, c.ffn)
        self.fc2 = nn.Linear(c.ffn, c.hidden)
        self.ln2 = nn.LayerNorm(c.hidden, eps=1e-12)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x, bias):
        x = self.ln1(x + self.drop(self.attn(x, bias)))
        return self.ln2(x + self.drop(self.fc2(F.gelu(self.fc1(x)))))


class PiiLintBert(nn.Module):
    """Model v2: a pretrained BERT encoder (MiniLM-L6-H384) with the word-shape and lexicon inputs
    of pii-lint-mini added to the embedding sum. Both start at zero, so training begins from the
    pretrained function; the shape input gives back the casing the uncased vocabulary drops.
    Same inputs and output as PiiLintMini, so the engine and export treat both alike."""

    def __init__(self, c: Config):
        super().__init__()
        self.config = c
        self.tok = nn.Embedding(c.vocab_size, c.hidden)
        # BERT's position and token-type-0 embeddings, folded into one table at load time.
        self.pos = nn.Embedding(c.max_positions, c.hidden)
        self.shape = nn.Embedding(c.shape_count, c.hidden)
        self.register_buffer('lex_table', lex_bit_table(c), persistent=False)
        self.lex = nn.Linear(c.lex_bits, c.hidden)
        self.ln_emb = nn.LayerNorm(c.hidden, eps=1e-12)
        self.drop = nn.Dropout(c.dropout)
        self.layers = nn.ModuleList([BertLayer(c) for _ in range(c.layers)])
        self.cls = nn.Linear(c.hidden, c.num_labels)
        nn.init.zeros_(self.shape.weight)
        nn.init.zeros_(self.lex.weight)
        nn.init.zeros_(self.lex.bias)
        nn.init.normal_(self.cls.weight, std=0.02)
        nn.init.zeros_(self.cls.bias)

    def load_pretrained(self, state):
        """Copies a Hugging Face BertModel state dict (safetensors names) into this model."""
        p = 'bert.' if any(k.startswith('bert.') for k in state) else ''
        e = p + 'embeddings.'
        with torch.no_grad():
            self.tok.weight.copy_(state[e + 'word_embeddings.weight'])
            self.pos.weight.copy_(state[e + 'position_embeddings.weight'] + state[e + 'token_type_embeddings.weight'][0])
            self.ln_emb.weight.copy_(state[e + 'LayerNorm.weight'])
            self.ln_emb.bias.copy_(state[e + 'LayerNorm.bias'])
            for i, layer in enumerate(self.layers):
                L = f'{p}encoder.layer.{i}.'
                pairs = [(layer.attn.q, 'attention.self.query'), (layer.attn.k, 'attention.self.key'),
                         (layer.attn.v, 'attention.self.value'), (layer.attn.o, 'attention.output.dense'),
                         (layer.ln1, 'attention.output.LayerNorm'), (layer.fc1, 'intermediate.dense'),
                         (layer.fc2, 'output.dense'), (layer.ln2, 'output.LayerNorm')]
                for mod, name in pairs:
                    mod.weight.copy_(state[L + name + '.weight'])
                    mod.bias.copy_(state[L + name + '.bias'])

    def forward(self, input_ids, attention_mask, shape_ids, lex_ids, pos_offset=None):
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        if pos_offset is not None:
            positions = positions + pos_offset.unsqueeze(1)
        x = self.tok(input_ids) + self.pos(positions) + self.shape(shape_ids) + self.lex(self.lex_table[lex_ids])
        x = self.drop(self.ln_emb(x))
        bias = (1.0 - attention_mask.to(x.dtype)).unsqueeze(1).unsqueeze(2) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(self.drop(x))


def build_model(c: Config):
    return PiiLintBert(c) if c.arch == 'bert' else PiiLintMini(c)
