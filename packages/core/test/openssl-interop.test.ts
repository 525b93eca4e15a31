// Interoperability with the real `openssl` command line, the oracle test-vectors/ was made with:
// core signs → `openssl dgst -sha256 -verify` accepts; `openssl dgst -sha256 -sign` → core verifies.
// Keys are the test material of test-vectors/: public, never for real use.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeEngine, createNodeEngine, createWebCryptoEngine } from '../src/engines/index.js';
import { createNonce } from '../src/signing/index.js';
import { buildRequestMessage, buildResponseMessage } from '../src/protocol/index.js';
import type { SignatureEngine } from '../src/types.js';
import { VECTORS_DIR, receiverPrivate, receiverPublic, senderPrivate, senderPublic, utf8, vectors } from './vectors-fixtures.js';

const run = promisify(execFile);
let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auditnotify-openssl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tempFile(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `f${counter++}`);
  await writeFile(path, bytes);
  return path;
}

/** `openssl dgst -sha256 -verify <pub> -signature <sigfile> <msgfile>`: true on "Verified OK". */
async function opensslVerifies(publicKeyFile: string, message: Uint8Array, signatureBase64: string): Promise<boolean> {
  const args = ['dgst', '-sha256', '-verify', publicKeyFile, '-signature', await tempFile(Buffer.from(signatureBase64, 'base64')), await tempFile(message)];
  try {
    const { stdout } = await run('openssl', args);
    return stdout.trim() === 'Verified OK';
  } catch (error) {
    // openssl exits 1 with "Verification failure" for a bad signature.
    if ((error as { stdout?: string }).stdout?.includes('Verification failure')) return false;
    throw error;
  }
}

/** `openssl dgst -sha256 -sign <key> -out <sigfile> <msgfile>`, as Base64. */
async function opensslSigns(privateKeyFile: string, message: Uint8Array): Promise<string> {
  const out = join(dir, `sig${counter++}`);
  await run('openssl', ['dgst', '-sha256', '-sign', privateKeyFile, '-out', out, await tempFile(message)]);
  return (await readFile(out)).toString('base64');
}

const keys = {
  sender: { priv: senderPrivate, pub: senderPublic, privFile: `${VECTORS_DIR}sender/apiclient_key.pem`, pubFile: `${VECTORS_DIR}sender/apiclient_pub.pem` },
  senderPkcs1: { priv: senderPrivate, pub: senderPublic, privFile: `${VECTORS_DIR}sender/apiclient_key_pkcs1.pem`, pubFile: `${VECTORS_DIR}sender/apiclient_pub.pem` },
  receiver: { priv: receiverPrivate, pub: receiverPublic, privFile: `${VECTORS_DIR}receiver/wxp_key.pem`, pubFile: `${VECTORS_DIR}receiver/wxp_pub.pem` },
};

const messages: [string, Uint8Array][] = [
  ...vectors.requests.map((v) => [`request vector ${v.method} ${v.url}`, utf8(v.message)] as [string, Uint8Array]),
  ...vectors.responses.map((v, i) => [`response vector ${i}`, utf8(v.message)] as [string, Uint8Array]),
  [
    'a Chinese REJECT notification',
    buildRequestMessage({
      method: 'POST',
      url: '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify?x=%E4%BD%A0',
      timestamp: 1757903600,
      nonce: createNonce(),
      body: '{"out_request_no":"请求单号-0002","mchid":"1900016681","audit_result":"REJECT","fail_msg":"身份证件不合法"}',
    }),
  ],
  ['an empty 204 answer', buildResponseMessage({ timestamp: 1757900002, nonce: createNonce(), body: new Uint8Array(0) })],
  ['bytes that are not UTF-8', new Uint8Array([0xff, 0x00, 0xfe, 0x0a, 0x0d, 0x80])],
];

const engines: [string, SignatureEngine][] = [
  ['node', createNodeEngine()],
  ['webcrypto', createWebCryptoEngine()],
  ['forge', createForgeEngine()],
];

describe.each(engines)('%s engine against the openssl command line', (_name, engine) => {
  it.each(messages)('signs %s so that openssl dgst -verify says "Verified OK"', async (_case, message) => {
    for (const key of [keys.sender, keys.receiver]) {
      const signature = await engine.sign(key.priv, message);
      expect(await opensslVerifies(key.pubFile, message, signature)).toBe(true);
    }
  });

  it.each(messages)('verifies what openssl dgst -sign made over %s, byte-identical to its own', async (_case, message) => {
    for (const key of [keys.sender, keys.senderPkcs1, keys.receiver]) {
      const signature = await opensslSigns(key.privFile, message);
      await expect(engine.verify(key.pub, message, signature)).resolves.toBe(true);
      await expect(engine.sign(key.priv, message)).resolves.toBe(signature);
    }
  });

  it('agrees with openssl that a one-byte change breaks the signature', async () => {
    const message = utf8(vectors.requests[0]!.message);
    const changed = utf8(`${vectors.requests[0]!.message} `);
    const signature = await engine.sign(senderPrivate, message);
    expect(await opensslVerifies(keys.sender.pubFile, changed, signature)).toBe(false);
    const fromOpenssl = await opensslSigns(keys.sender.privFile, message);
    await expect(engine.verify(senderPublic, changed, fromOpenssl)).resolves.toBe(false);
  });

  it('agrees with openssl in both directions on random messages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (message) => {
        expect(await opensslVerifies(keys.sender.pubFile, message, await engine.sign(senderPrivate, message))).toBe(true);
        expect(await engine.verify(senderPublic, message, await opensslSigns(keys.sender.privFile, message))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});
