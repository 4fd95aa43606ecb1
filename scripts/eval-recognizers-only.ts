// The recognizers-only baseline quoted in the README: the engine without a model (what the editor
// falls back to when a model fails to load), scored like `npm run eval`.
//   npx tsx scripts/eval-recognizers-only.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../server/src/engine/engine';

const evalDir = join(__dirname, '..', '..', 'shared', 'eval');
const out = join(__dirname, '..', 'models', 'training', 'work', 'eval-recognizers');
mkdirSync(out, { recursive: true });

void (async () => {
  const engine = await createEngine({ modelDir: null });
  const pairs: string[] = [];
  for (const name of ['presidio_research_generated_large', 'presidio_research_synth_v1']) {
    const lines: string[] = [];
    for (const line of readFileSync(join(evalDir, `${name}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const d = JSON.parse(line) as { id: string; text: string };
      const entities = (await engine.detect(d.text)).map(({ start, end, label, score }) => ({ start, end, label, score }));
      lines.push(JSON.stringify({ id: d.id, entities }));
    }
    const pred = join(out, `${name}.pred.jsonl`);
    writeFileSync(pred, lines.join('\n') + '\n');
    pairs.push(join(evalDir, `${name}.jsonl`), pred);
  }
  await engine.dispose();
  spawnSync('python3', [join(evalDir, 'score.py'), ...pairs], { stdio: 'inherit' });
})();
