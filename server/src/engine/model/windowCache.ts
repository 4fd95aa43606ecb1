/**
 * Content-addressed cache of window predictions: an edit re-runs only the windows whose inputs
 * changed. Probabilities are stored as 16-bit fixed point, always (fresh results too), so a
 * finding never depends on whether its window came from the cache.
 */
import { createHash } from 'node:crypto';
import type { TensorMessage } from './workerProtocol';

export class WindowCache {
  private readonly map = new Map<string, Uint16Array>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  static key(inputs: Record<string, TensorMessage>): string {
    const h = createHash('sha256');
    for (const name of Object.keys(inputs).sort()) {
      h.update(name);
      h.update(new Uint8Array(inputs[name].data.buffer, inputs[name].data.byteOffset, inputs[name].data.byteLength));
    }
    return h.digest('base64');
  }

  static quantize(probs: Float32Array): Uint16Array {
    const q = new Uint16Array(probs.length);
    for (let i = 0; i < probs.length; i++) q[i] = Math.round(probs[i] * 65535);
    return q;
  }

  get(key: string): Uint16Array | undefined {
    const v = this.map.get(key);
    if (v) {
      // Re-insert: Map iteration order makes the first key the least recently used.
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: Uint16Array): void {
    if (value.byteLength > this.maxBytes) return;
    const old = this.map.get(key);
    if (old) this.bytes -= old.byteLength;
    this.map.set(key, value);
    this.bytes += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.byteLength;
    }
  }

  get size(): number {
    return this.map.size;
  }
}
