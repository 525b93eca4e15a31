// One suite, every engine (docs/architecture.md, layers of core: every engine passes this suite). Keys and vectors come
// from the openssl-made test material of test-vectors/: public, never for real use.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createForgeEngine, createNodeEngine, createWebCryptoEngine } from '../src/engines/index.js';
import type { SignatureEngine } from '../src/types.js';
import { privateHandle, publicHandle, receiverPrivate, receiverPublic, senderPrivate, senderPublic, utf8, vectors } from './vectors-fixtures.js';

const engines: [string, SignatureEngine, number][] = [
  // [name, engine, fast-check runs]: forge is pure JS (~60 signs/s), so it gets fewer random runs.
  ['node', createNodeEngine(), 200],
  ['webcrypto', createWebCryptoEngine(), 200],
  ['forge', createForgeEngine(), 15],
];

const requestCases = vectors.requests.map((v) => [`request ${v.method} ${v.url}`, utf8(v.message), v.signature] as const);
const responseCases = vectors.responses.map((v, i) => [`response ${i}`, utf8(v.message), v.signature] as const);

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >>> 3]! ^= 1 << (bit & 7);
  return copy;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

// One larger key for the whole suite: generating RSA-3072 takes a while.
const big = generateKeyPairSync('rsa', { modulusLength: 3072 });
const bigPrivate = privateHandle(big.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const bigPublic = publicHandle(big.publicKey.export({ type: 'spki', format: 'pem' }).toString());

const good = vectors.requests[0]!.signature;
const message = utf8(vectors.requests[0]!.message);
const malformed: [string, unknown][] = [
  ['an empty string', ''],
  ['a WECHATPAY/SIGNTEST/ probe', 'WECHATPAY/SIGNTEST/GK4e3zTzYdYp8yNQ+S4MVsZXZqzQbTJlGwS2lE9a/kT1'],
  ['a probe exactly 344 characters long', `WECHATPAY/SIGNTEST/${'A'.repeat(323)}==`],
  ['all-zero bytes', `${'A'.repeat(342)}==`],
  ['a character outside Base64', `!${good.slice(1)}`],
  ['URL-safe Base64', good.replace(/\+/g, '-').replace(/\//g, '_')],
  ['missing padding', good.replace(/=+$/, '')],
  ['extra padding', `${good}=`],
  ['a line break inside', `${good.slice(0, 64)}\n${good.slice(64)}`],
  ['spaces inside', `${good.slice(0, 64)} ${good.slice(65)}`],
  ['non-canonical trailing bits', `${good.slice(0, -3)}${String.fromCharCode(good.charCodeAt(good.length - 3) + 1)}==`],
  ['one byte too short', b64(unb64(good).subarray(1))],
  ['one byte too long', b64(new Uint8Array([0, ...unb64(good)]))],
  ['a 4096-bit-sized signature', b64(new Uint8Array(512).fill(7))],
  ['the hex of the signature', Buffer.from(unb64(good)).toString('hex')],
  ['null', null],
  ['a number', 42],
];

describe.each(engines)('%s engine', (name, engine, runs) => {
  it('reports its name', () => {
    expect(engine.name).toBe(name);
  });

  it.each(requestCases)('signs %s to the openssl vector signature (sender key)', async (_case, msg, signature) => {
    await expect(engine.sign(senderPrivate, msg)).resolves.toBe(signature);
  });

  it.each(responseCases)('signs %s to the openssl vector signature (receiver key)', async (_case, msg, signature) => {
    await expect(engine.sign(receiverPrivate, msg)).resolves.toBe(signature);
  });

  it.each([...requestCases.map((c) => [...c, 'sender'] as const), ...responseCases.map((c) => [...c, 'receiver'] as const)])(
    'verifies the %s vector signature',
    async (_case, msg, signature, who) => {
      await expect(engine.verify(who === 'sender' ? senderPublic : receiverPublic, msg, signature)).resolves.toBe(true);
    },
  );

  it('answers false for every single flipped bit of the message', async () => {
    for (let bit = 0; bit < message.length * 8; bit++) {
      if (await engine.verify(senderPublic, flipBit(message, bit), good)) throw new Error(`message bit ${bit} flipped still verifies`);
    }
  });

  it('answers false for every single flipped bit of the signature', async () => {
    const raw = unb64(good);
    for (let bit = 0; bit < raw.length * 8; bit++) {
      if (await engine.verify(senderPublic, message, b64(flipBit(raw, bit)))) throw new Error(`signature bit ${bit} flipped still verifies`);
    }
  });

  it.each(malformed)('answers false, never throws, for %s', async (_case, signature) => {
    await expect(engine.verify(senderPublic, message, signature as string)).resolves.toBe(false);
  });

  it('answers false for the right signature checked with the wrong key', async () => {
    await expect(engine.verify(receiverPublic, message, good)).resolves.toBe(false);
  });

  it('answers false for a 2048-bit signature checked with a 3072-bit key', async () => {
    await expect(engine.verify(bigPublic, message, good)).resolves.toBe(false);
  });

  it('signs and verifies the empty message', async () => {
    const empty = new Uint8Array(0);
    const signature = await engine.sign(senderPrivate, empty);
    await expect(engine.verify(senderPublic, empty, signature)).resolves.toBe(true);
    await expect(engine.verify(senderPublic, utf8('\n'), signature)).resolves.toBe(false);
  });

  it('never throws for random signature text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.base64String({ minLength: 340, maxLength: 348 })), async (text) => {
        expect(await engine.verify(senderPublic, message, text)).toBe(false);
      }),
      { numRuns: runs * 5 },
    );
  });

  it('round-trips random messages, agreeing byte for byte with node:crypto', async () => {
    const reference = createNodeEngine();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (msg) => {
        const signature = await engine.sign(senderPrivate, msg);
        expect(signature).toBe(reference.signSync(senderPrivate, msg));
        expect(await engine.verify(senderPublic, msg, signature)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('works with a freshly generated 3072-bit key', async () => {
    const signature = await engine.sign(bigPrivate, message);
    expect(unb64(signature)).toHaveLength(384);
    await expect(engine.verify(bigPublic, message, signature)).resolves.toBe(true);
  });
});
