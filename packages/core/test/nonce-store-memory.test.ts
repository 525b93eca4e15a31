// The memory nonce store keeps each nonce as its own short string. A nonce arrives as a slice of the request's
// Authorization header, and V8 keeps a slice's whole parent alive: stored as is, every nonce would hold on to
// its header for twice the window. Measured on the heap after a full garbage collection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HEADERS = 4_000;
const HEADER_BYTES = 16_384;

describe('memory nonce store', () => {
  it('does not keep the headers its nonces were cut from alive', async () => {
    const store = createMemoryNonceStore({ max: HEADERS });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < HEADERS; i++) {
      // A fresh, flat header per request, as the HTTP parser makes one, with the nonce cut out of it.
      const header = `WECHATPAY2-SHA256-RSA2048 nonce_str="${i.toString(36).padStart(32, '-')}",pad="${'x'.repeat(HEADER_BYTES)}${i}"`;
      const nonce = header.slice(37, 69);
      expect(await store.claim(nonce, 600)).toBe(true);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 4 000 headers of 16 KiB are 64 MiB; 4 000 nonces and their map entries are well under 4 MiB.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
    expect(await store.claim(`${(HEADERS - 1).toString(36).padStart(32, '-')}`, 600)).toBe(false);
  });
});
