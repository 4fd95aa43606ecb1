import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planWindows, type WindowTokenInfo } from '../../server/src/engine/model/windows';
import { seededRandom } from './helpers/random';

test('windows cover every token once, stay within the size, and overlap', () => {
  const rnd = seededRandom(7);
  for (let iter = 0; iter < 500; iter++) {
    const n = 1 + Math.floor(rnd() * 3000);
    const max = 16 + Math.floor(rnd() * 500);
    const overlap = Math.floor(rnd() * 64);
    const info: WindowTokenInfo[] = Array.from({ length: n }, (_, i) => ({ wordStart: i === 0 || rnd() < 0.7, lineStart: rnd() < 0.05 }));
    const ws = planWindows(info, max, overlap);
    assert.equal(ws[0].from, 0);
    assert.equal(ws[ws.length - 1].to, n);
    let owned = 0;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      assert.ok(w.to - w.from <= max && w.to > w.from);
      assert.ok(w.ownFrom >= w.from && w.ownTo <= w.to && w.ownFrom <= w.ownTo);
      assert.equal(w.ownFrom, i === 0 ? 0 : ws[i - 1].ownTo);
      if (i > 0) assert.ok(w.from <= ws[i - 1].to && w.from > ws[i - 1].from, 'windows touch or overlap and advance');
      owned += w.ownTo - w.ownFrom;
    }
    assert.equal(owned, n);
  }
});
