// The runtime-neutral entry: bundled by esbuild for the browser (and for workers, workerd, Deno and Bun through
// package.json's export conditions) it reaches no `node:` module, and the bundle really signs, verifies,
// imports keys and diagnoses through WebCrypto. Runs against the built package (dist/), as users get it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as WebEntry from '../src/index.web.js';
import { readVectorFile, vectors } from './vectors-fixtures.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const NODE_ONLY = ['loadPkcs12', 'loadPrivateKey', 'loadPublicKey', 'loadCertificate', 'createNodeEngine', 'createForgeEngine', 'generateTestKeySet', 'diagnoseKeyMaterial', 'decryptResource'];

async function bundle(options: BuildOptions) {
  const result = await build({
    stdin: { contents: "export * from '@auditnotify/core';", resolveDir: packageDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const inputs = Object.keys(result.metafile!.inputs);
  return { text: result.outputFiles![0]!.text, inputs };
}

function nodeImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[^"']+)["']/g)].map((m) => m[1]!);
}

// The bundle's own module, loaded once: the core a browser would run.
type WebCore = Record<string, unknown> & typeof WebEntry;
let web: WebCore;
let dir: string;

beforeAll(async () => {
  const { text } = await bundle({ platform: 'browser' });
  dir = mkdtempSync(join(tmpdir(), 'auditnotify-bundle-'));
  const file = join(dir, 'core.browser.mjs');
  writeFileSync(file, text);
  web = (await import(pathToFileURL(file).href)) as WebCore;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('esbuild --bundle --platform=browser of @auditnotify/core', () => {
  it('succeeds with no node: import, no node-forge and none of the Node-only modules', async () => {
    const { text, inputs } = await bundle({ platform: 'browser' });
    expect(nodeImports(text)).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('dist/index.web.js'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('dist/runtime/web.js'))).toBe(true);
    for (const nodeOnly of ['node-forge', 'runtime/node.js', 'engines/node-engine.js', 'keys/load-pkcs12.js', 'keys/key-objects.js']) {
      expect(inputs.filter((path) => path.includes(nodeOnly)), nodeOnly).toEqual([]);
    }
  });

  it.each(['worker', 'workerd', 'deno', 'bun'])('also builds with no node: import under the %s condition', async (condition) => {
    // platform "neutral" knows no Node built-ins: any node: import would fail the build.
    const { text } = await bundle({ platform: 'neutral', conditions: [condition], mainFields: ['module', 'main'] });
    expect(nodeImports(text)).toEqual([]);
  });

  it('exports the runtime-neutral surface only, with the WebCrypto engine as default', () => {
    for (const name of NODE_ONLY) expect(web[name], name).toBeUndefined();
    expect(web.defaultEngine().name).toBe('webcrypto');
  });
});

describe('the browser bundle at work (WebCrypto)', () => {
  const request = vectors.requests[0]!;
  const response = vectors.responses[0]!;

  it('imports PKCS#8, PKCS#1 and JWK private keys and signs the vector byte for byte', async () => {
    const pkcs8 = await web.importPrivateKey(readVectorFile('sender/apiclient_key.pem'));
    const pkcs1 = await web.importPrivateKey(readVectorFile('sender/apiclient_key_pkcs1.pem'));
    const jwk = await web.importPrivateKey(createPrivateKey(readVectorFile('sender/apiclient_key.pem')).export({ format: 'jwk' }) as never);
    const message = web.buildRequestMessage({ method: request.method, url: request.url, timestamp: request.timestamp, nonce: request.nonce_str, body: request.body });
    for (const key of [pkcs8, pkcs1, jwk]) {
      expect(await web.defaultEngine().sign(key, message)).toBe(request.signature);
      expect(key.bits).toBe(2048);
      expect(Object.keys(key).sort()).toEqual(['bits', 'fingerprint', 'kind', 'pkcs8Der', 'source']);
    }
    expect([pkcs8.source, pkcs1.source, jwk.source]).toEqual(['pkcs8', 'pkcs1', 'jwk']);
    expect(pkcs1.fingerprint).toBe(pkcs8.fingerprint);
    expect(web.keyToPem(pkcs8)).toBe(createPrivateKey(readVectorFile('sender/apiclient_key.pem')).export({ type: 'pkcs8', format: 'pem' }));
  });

  it('imports SPKI and JWK public keys and verifies a signed answer', async () => {
    const pem = readVectorFile('receiver/wxp_pub.pem');
    const spki = await web.importPublicKey(pem);
    const jwk = await web.importPublicKey(createPublicKey(pem).export({ format: 'jwk' }) as never);
    expect(jwk.fingerprint).toBe(spki.fingerprint);
    expect(web.keyToPem(spki)).toBe(createPublicKey(pem).export({ type: 'spki', format: 'pem' }));
    const headers = { 'Wechatpay-Timestamp': response.timestamp, 'Wechatpay-Nonce': response.nonce, 'Wechatpay-Signature': response.signature, 'Wechatpay-Serial': response.serial };
    for (const key of [spki, jwk]) {
      await expect(web.verifyResponse({ headers, body: response.body, publicKeys: new Map([[response.serial, key]]), clock: () => Number(response.timestamp) })).resolves.toMatchObject({ keyId: response.serial });
    }
  });

  it('refuses keys it cannot use with a typed error that says what to fix', async () => {
    await expect(web.importPrivateKey(readVectorFile('sender/apiclient_cert.pem'))).rejects.toMatchObject({ code: 'KEY_FORMAT_UNKNOWN' });
    await expect(web.importPublicKey('not a key')).rejects.toMatchObject({ code: 'KEY_UNREADABLE' });
    await expect(web.importPublicKey({ kty: 'EC', crv: 'P-256' })).rejects.toMatchObject({ code: 'KEY_NOT_RSA' });
    const small = createPrivateKey({ key: (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) });
    await expect(web.importPrivateKey(small.export({ type: 'pkcs8', format: 'pem' }) as string)).rejects.toMatchObject({ code: 'KEY_TOO_SMALL' });
    // Synchronous loading from text is Node's: the receiver names the asynchronous importer instead.
    expect(() => web.createReceiver({ senders: [{ serialNo: vectors.serial_no, publicKey: readVectorFile('sender/apiclient_pub.pem') }], answerKeys: [], handler: () => undefined })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/KEY_RUNTIME_UNSUPPORTED.*importPublicKey/) }),
    );
  });

  it('runs the receiver: a signed request is accepted and answered with a signature', async () => {
    const receiver = web.createReceiver({
      senders: [{ serialNo: vectors.serial_no, publicKey: await web.importPublicKey(readVectorFile('sender/apiclient_pub.pem')) }],
      answerKeys: [{ id: vectors.wechatpay_public_key_id, privateKey: await web.importPrivateKey(readVectorFile('receiver/wxp_key.pem')) }],
      handler: () => undefined,
      clock: () => Number(request.timestamp),
    });
    const answer = await receiver.handle({
      method: request.method,
      url: request.url,
      headers: { 'content-type': 'application/json', authorization: request.authorization, 'wechatpay-serial': vectors.wechatpay_public_key_id },
      body: new TextEncoder().encode(request.body),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['Wechatpay-Serial']).toBe(vectors.wechatpay_public_key_id);
  });

  it('diagnoses a wrong key and a SHA-1 signature by opening the signature with BigInt arithmetic', async () => {
    const senderPublic = await web.importPublicKey(readVectorFile('sender/apiclient_pub.pem'));
    const receiverPublic = await web.importPublicKey(readVectorFile('receiver/wxp_pub.pem'));
    const publicKeys = new Map([[vectors.serial_no, senderPublic], [vectors.wechatpay_public_key_id, receiverPublic]]);
    const message = web.buildRequestMessage({ method: request.method, url: request.url, timestamp: request.timestamp, nonce: request.nonce_str, body: request.body });
    const diagnose = (signature: string) =>
      web.diagnoseSignature({
        kind: 'request',
        method: request.method,
        url: request.url,
        headers: { authorization: request.authorization.replace(request.signature, signature) },
        body: request.body,
        publicKeys,
        clock: () => Number(request.timestamp),
      });
    const byReceiverKey = cryptoSign('sha256', message, readVectorFile('receiver/wxp_key.pem')).toString('base64');
    expect((await diagnose(byReceiverKey)).likelyCause).toMatchObject({ code: 'WRONG_KEY', keyId: vectors.wechatpay_public_key_id });
    const sha1 = cryptoSign('sha1', message, readVectorFile('sender/apiclient_key.pem')).toString('base64');
    const diagnosis = await diagnose(sha1);
    expect(diagnosis.likelyCause?.code).toBe('SIGNATURE_ALGORITHM');
    expect(diagnosis.likelyCause?.explanation).toMatch(/SHA1withRSA over exactly this message/);
  });
});
