import { describe, expect, it } from 'vitest';
import { createNodeEngine, defaultEngine } from '../src/engines/index.js';
import { receiverPrivate, senderPrivate, senderPublic, utf8, vectors } from './vectors-fixtures.js';

// Test keys from test-vectors/: public test material, never for real use.
const engine = createNodeEngine();
const v = vectors.requests[0]!;
const message = utf8(v.message);

describe('createNodeEngine', () => {
  it('signs synchronously to the vector signature', () => {
    expect(engine.signSync(senderPrivate, message)).toBe(v.signature);
  });

  it('signs on the thread pool to the same signature', async () => {
    await expect(engine.sign(senderPrivate, message)).resolves.toBe(v.signature);
  });

  it('keeps many thread-pool signatures in flight, each matching its message', async () => {
    const messages = vectors.requests.map((r) => utf8(r.message));
    const signatures = await Promise.all(Array.from({ length: 24 }, (_, i) => engine.sign(senderPrivate, messages[i % messages.length]!)));
    signatures.forEach((signature, i) => expect(signature).toBe(vectors.requests[i % messages.length]!.signature));
  });

  it('verifies synchronously and asynchronously', async () => {
    expect(engine.verifySync(senderPublic, message, v.signature)).toBe(true);
    await expect(engine.verify(senderPublic, message, v.signature)).resolves.toBe(true);
  });

  it('reads a message that is a view into a larger buffer without copying it out first', () => {
    const backing = new Uint8Array(message.length + 10);
    backing.set(message, 5);
    expect(engine.signSync(senderPrivate, backing.subarray(5, 5 + message.length))).toBe(v.signature);
  });

  it('rejects a signing failure (a public key handle as signer) with INTERNAL_ERROR, sync and async', async () => {
    const wrong = { ...senderPrivate, pkcs8Der: senderPublic.spkiDer };
    expect(() => engine.signSync(wrong, message)).toThrow(expect.objectContaining({ code: 'INTERNAL_ERROR' }));
    await expect(engine.sign(wrong, message)).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
  });

  it('answers false (not a throw) for a signature made by another key', () => {
    const other = engine.signSync(receiverPrivate, message);
    expect(engine.verifySync(senderPublic, message, other)).toBe(false);
  });
});

describe('defaultEngine', () => {
  it('is one shared node engine', () => {
    expect(defaultEngine()).toBe(defaultEngine());
    expect(defaultEngine().name).toBe('node');
  });
});
