/**
 * Generator JSONL -> training tensors JSONL, with exactly the engine's tokenizer and features.
 *
 *   npx tsx models/training/encode.ts IN.jsonl OUT.jsonl [--max 128]
 *
 * Output lines: {ids, shape, lex, labels, split}; [CLS] ... [SEP], at most --max tokens (longer
 * examples are cut into several rows at word boundaries). labels are indices into bioLabels(): a
 * token overlapping a span gets B- if it is the span's first token, else I-; other tokens O;
 * [CLS]/[SEP] get -100.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BertTokenizer } from '../../server/src/engine/tokenize';
import { Lexicon, tokenFeatures, type LexiconFile } from '../../server/src/engine/features';
import { bioLabels } from '../../server/src/engine/labels';

const ROOT = resolve(__dirname, '../..');
const MODEL = resolve(ROOT, 'models/pii-lint-mini');

export interface Encoded {
  ids: number[];
  shape: number[];
  lex: number[];
  labels: number[];
}

export function makeEncoder(maxLen = 128): (text: string, spans: Array<{ start: number; end: number; label: string }>) => Encoded[] {
  const tok = new BertTokenizer(JSON.parse(readFileSync(resolve(MODEL, 'tokenizer.json'), 'utf8')));
  const lexPath = process.env.PII_LINT_LEXICON ?? resolve(MODEL, 'lexicon.json');
  const lexicon = new Lexicon(JSON.parse(readFileSync(lexPath, 'utf8')) as LexiconFile);
  const labels = bioLabels();
  const index = new Map(labels.map((l, i) => [l, i]));
  return (text, spans) => {
    const t = tok.tokenize(text);
    const feats = tokenFeatures(text, t, lexicon);
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    const tags = t.tokens.map(() => 0);
    for (const s of sorted) {
      let first = true;
      t.tokens.forEach((k, i) => {
        if (k.end > s.start && k.start < s.end) {
          const id = index.get(`${first ? 'B' : 'I'}-${s.label}`);
          if (id === undefined) throw new Error(`unknown label ${s.label}`);
          if (tags[i] === 0) tags[i] = id;
          first = false;
        }
      });
    }
    const out: Encoded[] = [];
    const body = maxLen - 2;
    let i = 0;
    while (i < t.tokens.length || (i === 0 && t.tokens.length === 0)) {
      let end = Math.min(i + body, t.tokens.length);
      // Cut at a word start so no word is split across rows (unless one word fills the row).
      if (end < t.tokens.length) {
        let j = end;
        while (j > i + 1 && !t.tokens[j].first) j--;
        if (j > i + 1) end = j;
      }
      const slice = t.tokens.slice(i, end);
      const lab = tags.slice(i, end);
      // A row starting mid-entity starts it with B-.
      if (lab.length && labels[lab[0]].startsWith('I-')) lab[0] = index.get('B-' + labels[lab[0]].slice(2))!;
      out.push({
        ids: [tok.special.cls, ...slice.map((k) => k.id), tok.special.sep],
        shape: [0, ...feats.shape.slice(i, end), 0],
        lex: [0, ...feats.lex.slice(i, end), 0],
        labels: [-100, ...lab, -100],
      });
      if (end >= t.tokens.length) break;
      i = end;
    }
    return out;
  };
}

async function main(): Promise<void> {
  const [inp, outp] = process.argv.slice(2);
  const maxIdx = process.argv.indexOf('--max');
  const maxLen = maxIdx > 0 ? Number(process.argv[maxIdx + 1]) : 128;
  if (!inp || !outp) throw new Error('usage: encode.ts IN.jsonl OUT.jsonl [--max 128]');
  const enc = makeEncoder(maxLen);
  const out = createWriteStream(outp);
  let n = 0;
  let rows = 0;
  for await (const line of createInterface({ input: createReadStream(inp) })) {
    if (!line.trim()) continue;
    const ex = JSON.parse(line);
    for (const r of enc(ex.text, ex.spans)) {
      out.write(JSON.stringify({ ...r, split: ex.split }) + '\n');
      rows++;
    }
    n++;
  }
  out.end();
  console.error(`encoded ${n} examples -> ${rows} rows -> ${outp}`);
}

if (require.main === module) void main();
