import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WindowCache } from '../../server/src/engine/model/windowCache';
import type { TensorMessage } from '../../server/src/engine/model/workerProtocol';

const tensor = (values: number[]): TensorMessage => ({ data: BigInt64Array.from(values.map(BigInt)), dims: [1, values.length] });
const probs = (n: number, fill: number): Uint16Array => new Uint16Array(n).fill(fill);

test('the key is the inputs: same names and data, same key, whatever the order the names were set in', () => {
  const a = WindowCache.key({ input_ids: tensor([101, 7, 102]), attention_mask: tensor([1, 1, 1]) });
  const b = WindowCache.key({ attention_mask: tensor([1, 1, 1]), input_ids: tensor([101, 7, 102]) });
  assert.equal(a, b);
  assert.notEqual(WindowCache.key({ input_ids: tensor([101, 8, 102]), attention_mask: tensor([1, 1, 1]) }), a);
  // The same bytes under another input name are other inputs.
  assert.notEqual(WindowCache.key({ input_ids: tensor([101, 7, 102]), lex_ids: tensor([1, 1, 1]) }), a);
});

test('the key hashes a tensor view, not the buffer behind it', () => {
  const big = BigInt64Array.from([9n, 101n, 7n, 102n, 9n]);
  const view: TensorMessage = { data: big.subarray(1, 4), dims: [1, 3] };
  assert.equal(WindowCache.key({ input_ids: view }), WindowCache.key({ input_ids: tensor([101, 7, 102]) }));
});

test('quantize maps [0, 1] to 16-bit fixed point, rounding to nearest', () => {
  const q = WindowCache.quantize(Float32Array.from([0, 1, 0.5, 0.25, 1 / 65535]));
  assert.ok(q instanceof Uint16Array);
  assert.deepEqual([...q], [0, 65535, 32768, 16384, 1]);
});

test('get returns what set stored; an unknown key is undefined', () => {
  const cache = new WindowCache(1024);
  const v = probs(4, 7);
  cache.set('a', v);
  assert.equal(cache.get('a'), v);
  assert.equal(cache.get('b'), undefined);
});

test('over its byte budget the cache drops the least recently used entries first', () => {
  const cache = new WindowCache(3 * 8); // three entries of 4 × 2 bytes
  cache.set('a', probs(4, 1));
  cache.set('b', probs(4, 2));
  cache.set('c', probs(4, 3));
  assert.ok(cache.get('a')); // a is now the most recently used
  cache.set('d', probs(4, 4));
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined);
  assert.deepEqual(['a', 'c', 'd'].map((k) => cache.get(k)?.[0]), [1, 3, 4]);
});

test('replacing an entry counts its bytes once; a value larger than the budget is not kept', () => {
  const cache = new WindowCache(2 * 8);
  cache.set('a', probs(4, 1));
  for (let i = 0; i < 5; i++) cache.set('a', probs(4, 10 + i));
  cache.set('b', probs(4, 2));
  assert.equal(cache.size, 2); // five replacements of a did not fill the budget
  assert.equal(cache.get('a')?.[0], 14);
  cache.set('huge', probs(100, 9));
  assert.equal(cache.get('huge'), undefined);
  assert.equal(cache.size, 2);
});
