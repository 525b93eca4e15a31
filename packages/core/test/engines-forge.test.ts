import { describe, expect, it } from 'vitest';
import { createForgeEngine, createNodeEngine } from '../src/engines/index.js';
import { senderPrivate, senderPublic, utf8, vectors } from './vectors-fixtures.js';

// Test keys from test-vectors/: public test material, never for real use.
describe('createForgeEngine', () => {
  it('signs a body larger than one conversion chunk (64 KiB of Chinese text) like node:crypto', async () => {
    const engine = createForgeEngine();
    const body = utf8('审核驳回'.repeat(6000));
    const signature = await engine.sign(senderPrivate, body);
    expect(signature).toBe(createNodeEngine().signSync(senderPrivate, body));
    await expect(engine.verify(senderPublic, body, signature)).resolves.toBe(true);
  });

  it('rejects a handle whose DER forge cannot parse with INTERNAL_ERROR', async () => {
    const engine = createForgeEngine();
    await expect(engine.sign({ ...senderPrivate, pkcs8Der: new Uint8Array([0x30, 0x00]) }, utf8('a'))).rejects.toMatchObject({
      code: 'INTERNAL_ERROR',
    });
  });

  it('answers false when the public key cannot be parsed', async () => {
    const engine = createForgeEngine();
    const v = vectors.requests[0]!;
    await expect(engine.verify({ ...senderPublic, spkiDer: new Uint8Array([0x30, 0x00]) }, utf8(v.message), v.signature)).resolves.toBe(false);
  });
});
