// Uses the openssl-made vectors and keys of test-vectors/ at the repository root: public test material, never
// for real use.
import { keyObjectOf } from '../src/keys/key-objects.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { constants, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { diagnoseSignature, diffBytes, type DiagnoseSignatureInput } from '../src/diagnose/index.js';
import { parseRawHttpRequest } from '../src/decode/index.js';
import { loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { buildAuthorization, buildRequestMessage, buildResponseMessage } from '../src/protocol/index.js';
import { createNodeEngine } from '../src/engines/index.js';
import type { PublicKeyHandle } from '../src/types.js';

const dir = new URL('../../../test-vectors/', import.meta.url);
interface RequestVector { method: string; url: string; timestamp: string; nonce_str: string; body: string; message: string; signature: string; authorization: string }
interface ResponseVector { timestamp: string; nonce: string; body: string; message: string; signature: string; serial: string }
const vectors = JSON.parse(readFileSync(new URL('vectors.json', dir), 'utf8')) as {
  mchid: string;
  serial_no: string;
  wechatpay_public_key_id: string;
  requests: [RequestVector, RequestVector, RequestVector];
  responses: [ResponseVector, ResponseVector];
};
const senderPrivate = loadPrivateKey(readFileSync(new URL('sender/apiclient_key.pem', dir)));
const senderPublic = loadPublicKey(readFileSync(new URL('sender/apiclient_pub.pem', dir)));
const receiverPrivate = loadPrivateKey(readFileSync(new URL('receiver/wxp_key.pem', dir)));
const receiverPublic = loadPublicKey(readFileSync(new URL('receiver/wxp_pub.pem', dir)));
const SERIAL = vectors.serial_no;
const PUB_KEY_ID = vectors.wechatpay_public_key_id;
const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const enc = (s: string) => new TextEncoder().encode(s);
const engine = createNodeEngine();
const [v1, v2, v3] = vectors.requests;
const [r1, r2] = vectors.responses;
const senderKeys: ReadonlyMap<string, PublicKeyHandle> = new Map([[SERIAL, senderPublic]]);
const receiverKeys: ReadonlyMap<string, PublicKeyHandle> = new Map([[PUB_KEY_ID, receiverPublic]]);
const clockAt = (t: string | number) => () => Number(t) + 10;

function requestInput(v: RequestVector, over: Partial<DiagnoseSignatureInput> = {}): DiagnoseSignatureInput {
  return {
    kind: 'request',
    method: v.method,
    url: v.url,
    headers: { authorization: v.authorization, host: 'api.mch.weixin.qq.com' },
    body: v.body,
    publicKeys: senderKeys,
    clock: clockAt(v.timestamp),
    ...over,
  };
}

/** Signs a request whose signed message differs from what is sent, the way a buggy sender does. */
function signedRequest(signed: { url?: string; body?: string | Uint8Array; timestamp?: string }, sent: { url?: string; body?: string | Uint8Array; timestamp?: string } = {}) {
  const timestamp = signed.timestamp ?? v1.timestamp;
  const message = buildRequestMessage({ method: 'POST', url: signed.url ?? NOTIFY_PATH, timestamp, nonce: v1.nonce_str, body: signed.body ?? v1.body });
  const signature = engine.signSync(senderPrivate, message);
  const authorization = buildAuthorization({ mchid: vectors.mchid, nonce: v1.nonce_str, timestamp: sent.timestamp ?? timestamp, serialNo: SERIAL, signature });
  return requestInput(v1, { url: sent.url ?? signed.url ?? NOTIFY_PATH, body: sent.body ?? signed.body ?? v1.body, headers: { authorization, host: 'api.mch.weixin.qq.com' } });
}

function responseInput(r: ResponseVector, over: Partial<DiagnoseSignatureInput> = {}): DiagnoseSignatureInput {
  return {
    kind: 'response',
    headers: {
      'wechatpay-timestamp': r.timestamp,
      'wechatpay-nonce': r.nonce,
      'wechatpay-signature': r.signature,
      'wechatpay-serial': r.serial,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
    body: r.body,
    publicKeys: receiverKeys,
    clock: clockAt(r.timestamp),
    ...over,
  };
}

describe('diagnoseSignature on valid vectors', () => {
  it.each([0, 1, 2])('verifies request vector %i and computes its exact message', async (i) => {
    const v = vectors.requests[i] as RequestVector;
    const d = await diagnoseSignature(requestInput(v));
    expect(d.verified).toBe(true);
    expect(d.likelyCause).toBeUndefined();
    expect(d.keyId).toBe(SERIAL);
    expect(new TextDecoder().decode(d.message)).toBe(v.message);
    expect(d.checks.every((c) => c.ok)).toBe(true);
    expect(d.checks.map((c) => c.name)).toEqual(['authorization', 'key_known', 'timestamp_window', 'signature_format', 'signature']);
    expect(d.variants).toEqual([]);
  });

  it.each([0, 1])('verifies response vector %i', async (i) => {
    const r = vectors.responses[i] as ResponseVector;
    const d = await diagnoseSignature(responseInput(r));
    expect(d.verified).toBe(true);
    expect(new TextDecoder().decode(d.message)).toBe(r.message);
  });

  it('verifies a request decoded from raw HTTP text', async () => {
    const raw = `POST ${v1.url} HTTP/1.1\r\nHost: api.mch.weixin.qq.com\r\nAuthorization: ${v1.authorization}\r\nContent-Length: ${enc(v1.body).length}\r\n\r\n${v1.body}`;
    const req = parseRawHttpRequest(raw);
    const d = await diagnoseSignature({ kind: 'request', ...req, publicKeys: senderKeys, clock: clockAt(v1.timestamp) });
    expect(d.verified).toBe(true);
  });
});

describe('diagnoseSignature names the cause', () => {
  it('finds BODY_RESERIALISED when vector 1 arrives pretty-printed (the verifier re-serialised it)', async () => {
    const d = await diagnoseSignature(requestInput(v1, { body: JSON.stringify(JSON.parse(v1.body), null, 2) }));
    expect(d.verified).toBe(false);
    expect(d.likelyCause).toMatchObject({ code: 'BODY_RESERIALISED', variant: 'body_compact_json' });
    const proof = d.variants.find((v) => v.name === 'body_compact_json');
    expect(proof).toMatchObject({ verifies: true, keyId: SERIAL });
    expect(new TextDecoder().decode(proof?.message)).toBe(v1.message);
    expect(diffBytes(d.message, proof?.message ?? new Uint8Array()).equal).toBe(false);
  });

  it('finds BODY_RESERIALISED when pretty vector 2 arrives compacted', async () => {
    const d = await diagnoseSignature(requestInput(v2, { body: JSON.stringify(JSON.parse(v2.body)) }));
    expect(d.likelyCause).toMatchObject({ code: 'BODY_RESERIALISED', variant: 'body_pretty_json' });
  });

  it('finds TRAILING_NEWLINE when a final newline was added to the body sent', async () => {
    const d = await diagnoseSignature(requestInput(v1, { body: `${v1.body}\n` }));
    expect(d.likelyCause).toMatchObject({ code: 'TRAILING_NEWLINE', variant: 'body_without_final_newline' });
  });

  it('finds TRAILING_NEWLINE when the sender signed a final newline it did not send', async () => {
    const d = await diagnoseSignature(signedRequest({ body: `${v1.body}\n` }, { body: v1.body }));
    expect(d.likelyCause).toMatchObject({ code: 'TRAILING_NEWLINE', variant: 'body_with_final_newline' });
  });

  it('finds LINE_ENDINGS when LF became CRLF on the way', async () => {
    const d = await diagnoseSignature(requestInput(v2, { body: v2.body.replace(/\n/g, '\r\n') }));
    expect(d.likelyCause).toMatchObject({ code: 'LINE_ENDINGS', variant: 'body_lf' });
  });

  it('finds TIMESTAMP_IN_MILLISECONDS when the header and message carry milliseconds', async () => {
    const ms = `${v1.timestamp}000`;
    const d = await diagnoseSignature(signedRequest({ timestamp: ms }));
    expect(d.verified).toBe(false);
    expect(d.checks.find((c) => c.name === 'signature')?.ok).toBe(true);
    expect(d.checks.find((c) => c.name === 'timestamp_window')).toMatchObject({ ok: false, detail: 'milliseconds, not seconds' });
    expect(d.likelyCause?.code).toBe('TIMESTAMP_IN_MILLISECONDS');
  });

  it('finds TIMESTAMP_IN_MILLISECONDS when only the header carries milliseconds', async () => {
    const d = await diagnoseSignature(signedRequest({ timestamp: v1.timestamp }, { timestamp: `${v1.timestamp}123` }));
    expect(d.likelyCause).toMatchObject({ code: 'TIMESTAMP_IN_MILLISECONDS', variant: 'timestamp_in_seconds' });
  });

  it("finds WRONG_KEY when the receiver's key is configured under the sender's serial", async () => {
    const keys = new Map([
      [SERIAL, receiverPublic],
      [PUB_KEY_ID, senderPublic],
    ]);
    const d = await diagnoseSignature(requestInput(v1, { publicKeys: keys }));
    expect(d.likelyCause).toMatchObject({ code: 'WRONG_KEY', keyId: PUB_KEY_ID });
    expect(d.variants.find((v) => v.name === `key:${PUB_KEY_ID}`)).toMatchObject({ verifies: true });
  });

  it("finds WRONG_KEY when an answer is checked with the sender's own public key", async () => {
    const d = await diagnoseSignature(responseInput(r1, { publicKeys: new Map([[PUB_KEY_ID, senderPublic]]) }));
    expect(d.verified).toBe(false);
    expect(d.likelyCause?.code).toBe('WRONG_KEY');
    expect(d.likelyCause?.explanation).toContain('None of the known keys opens this signature');
  });

  it('finds QUERY_MISMATCH when the sender signed the path without the query it sent', async () => {
    const d = await diagnoseSignature(signedRequest({ url: NOTIFY_PATH }, { url: `${NOTIFY_PATH}?trace=1` }));
    expect(d.likelyCause).toMatchObject({ code: 'QUERY_MISMATCH', variant: 'url_without_query' });
  });

  it('finds QUERY_MISMATCH when vector 3 arrives with its query parameters reordered', async () => {
    const d = await diagnoseSignature(requestInput(v3, { url: '/v3/certificates?offset=0&algorithm_type=RSA' }));
    expect(d.likelyCause).toMatchObject({ code: 'QUERY_MISMATCH', variant: 'url_query_sorted' });
  });

  it('finds QUERY_MISMATCH when the sender signed an empty query "?" it did not send', async () => {
    const d = await diagnoseSignature(signedRequest({ url: `${NOTIFY_PATH}?` }, { url: NOTIFY_PATH }));
    expect(d.likelyCause).toMatchObject({ code: 'QUERY_MISMATCH', variant: 'url_with_empty_query' });
  });

  it('finds URL_INCLUDES_HOST when the sender signed the full URL', async () => {
    const d = await diagnoseSignature(signedRequest({ url: `https://api.mch.weixin.qq.com${NOTIFY_PATH}` }, { url: NOTIFY_PATH }));
    expect(d.likelyCause).toMatchObject({ code: 'URL_INCLUDES_HOST', variant: 'url_with_host' });
  });

  it('finds PATH_REWRITTEN when a proxy added a prefix', async () => {
    const d = await diagnoseSignature(signedRequest({ url: NOTIFY_PATH }, { url: `/gateway${NOTIFY_PATH}` }));
    expect(d.likelyCause).toMatchObject({ code: 'PATH_REWRITTEN', variant: 'url_without_prefix_/gateway' });
  });

  it('finds CHARSET_MISMATCH when Chinese text was double-encoded on the way', async () => {
    // Each UTF-8 byte read as a Latin-1 character, then sent as UTF-8 again.
    const mojibake = [...enc(v2.body)].map((b) => String.fromCharCode(b)).join('');
    const d = await diagnoseSignature(requestInput(v2, { body: mojibake }));
    expect(d.likelyCause).toMatchObject({ code: 'CHARSET_MISMATCH', variant: 'body_latin1_bytes' });
  });

  it('finds CHARSET_MISMATCH when the body was sent as GBK but signed as UTF-8', async () => {
    const gbk = new Uint8Array([...enc('{"a":"'), 0xd6, 0xd0, 0xce, 0xc4, ...enc('"}')]); // 中文 in GBK
    const d = await diagnoseSignature(signedRequest({ body: '{"a":"中文"}' }, { body: gbk }));
    expect(d.likelyCause).toMatchObject({ code: 'CHARSET_MISMATCH', variant: 'body_gbk_as_utf8' });
  });

  it('finds BODY_NOT_SIGNED_BYTES when the right key signed another body', async () => {
    const d = await diagnoseSignature(signedRequest({ body: v1.body.replace('PASS', 'REJECT') }, { body: v1.body }));
    expect(d.likelyCause?.code).toBe('BODY_NOT_SIGNED_BYTES');
    expect(d.likelyCause?.explanation).toContain('The key is right');
    expect(d.variants.length).toBeGreaterThan(5);
    expect(d.variants.every((v) => !v.verifies)).toBe(true);
  });

  it('finds SIGNATURE_ALGORITHM for SHA1withRSA over the right message', async () => {
    const signature = cryptoSign('sha1', enc(v1.message), keyObjectOf(senderPrivate)).toString('base64');
    const authorization = v1.authorization.replace(v1.signature, signature);
    const d = await diagnoseSignature(requestInput(v1, { headers: { authorization } }));
    expect(d.likelyCause?.code).toBe('SIGNATURE_ALGORITHM');
    expect(d.likelyCause?.explanation).toContain('SHA1withRSA over exactly this message');
  });

  it('finds SIGNATURE_ALGORITHM for an RSA-PSS signature', async () => {
    const signature = cryptoSign('sha256', enc(v1.message), { key: keyObjectOf(senderPrivate), padding: constants.RSA_PKCS1_PSS_PADDING }).toString('base64');
    const d = await diagnoseSignature(requestInput(v1, { headers: { authorization: v1.authorization.replace(v1.signature, signature) } }));
    expect(d.likelyCause?.code).toBe('SIGNATURE_ALGORITHM');
    expect(d.likelyCause?.explanation).toContain('RSA-PSS');
  });

  it('finds SIGNATURE_ENCODING for an answer signature in URL-safe Base64 without padding', async () => {
    const urlSafe = r1.signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(urlSafe).not.toBe(r1.signature);
    const d = await diagnoseSignature(responseInput(r1, { headers: { 'wechatpay-timestamp': r1.timestamp, 'wechatpay-nonce': r1.nonce, 'wechatpay-signature': urlSafe, 'wechatpay-serial': r1.serial } }));
    expect(d.likelyCause?.code).toBe('SIGNATURE_ENCODING');
    expect(d.checks.find((c) => c.name === 'signature_format')?.ok).toBe(false);
  });

  it('finds SIGNATURE_ENCODING for a truncated signature', async () => {
    const d = await diagnoseSignature(requestInput(v1, { headers: { authorization: v1.authorization.replace(v1.signature, v1.signature.slice(0, 100)) } }));
    expect(d.likelyCause?.code).toBe('SIGNATURE_ENCODING');
  });

  it('finds TIMESTAMP_OUT_OF_WINDOW for a valid signature replayed later', async () => {
    const d = await diagnoseSignature(requestInput(v1, { clock: () => Number(v1.timestamp) + 301 }));
    expect(d.checks.find((c) => c.name === 'signature')?.ok).toBe(true);
    expect(d.verified).toBe(false);
    expect(d.likelyCause?.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
    // A request exactly 300 s old is not over five minutes, as the receiver decides.
    expect((await diagnoseSignature(requestInput(v1, { clock: () => Number(v1.timestamp) + 300 }))).verified).toBe(true);
  });

  it('finds UNKNOWN_SERIAL and names the key that does verify', async () => {
    const d = await diagnoseSignature(requestInput(v1, { publicKeys: new Map([['OTHER_SERIAL', senderPublic]]) }));
    expect(d.likelyCause).toMatchObject({ code: 'UNKNOWN_SERIAL', keyId: 'OTHER_SERIAL' });
    expect(d.checks.find((c) => c.name === 'key_known')?.ok).toBe(false);
  });

  it('finds UNKNOWN_SERIAL for a key id that differs only in case', async () => {
    const d = await diagnoseSignature(responseInput(r1, { publicKeys: new Map([[PUB_KEY_ID.toLowerCase(), senderPublic]]) }));
    expect(d.likelyCause?.code).toBe('UNKNOWN_SERIAL');
    expect(d.likelyCause?.explanation).toContain('only in letter case');
  });

  it('finds BODY_RESERIALISED for an answer whose body was re-serialised', async () => {
    const d = await diagnoseSignature(responseInput(r1, { body: '{"ret_msg": "SUCC"}' }));
    expect(d.likelyCause).toMatchObject({ code: 'BODY_RESERIALISED', variant: 'body_compact_json' });
  });

  it('finds TRAILING_NEWLINE for an empty answer that gained a newline', async () => {
    const d = await diagnoseSignature(responseInput(r2, { body: '\n' }));
    expect(d.likelyCause?.code).toBe('TRAILING_NEWLINE');
  });

  it('reports a request probe as PROBE_SIGNATURE without throwing', async () => {
    const authorization = v1.authorization.replace(v1.signature, 'WECHATPAY/SIGNTEST/abcdef');
    const d = await diagnoseSignature(requestInput(v1, { headers: { authorization } }));
    expect(d).toMatchObject({ verified: false, likelyCause: { code: 'PROBE_SIGNATURE' } });
  });

  it('reports an answer probe as PROBE_SIGNATURE without throwing', async () => {
    const d = await diagnoseSignature(responseInput(r1, { headers: { 'wechatpay-timestamp': r1.timestamp, 'wechatpay-nonce': r1.nonce, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/+/==', 'wechatpay-serial': r1.serial } }));
    expect(d.likelyCause?.code).toBe('PROBE_SIGNATURE');
  });

  it('reports AUTH_MISSING and AUTH_MALFORMED (full-width comma) with the parser detail', async () => {
    expect((await diagnoseSignature(requestInput(v1, { headers: {} }))).likelyCause?.code).toBe('AUTH_MISSING');
    const d = await diagnoseSignature(requestInput(v1, { headers: { authorization: v1.authorization.replace('",nonce_str', '"，nonce_str') } }));
    expect(d.likelyCause?.code).toBe('AUTH_MALFORMED');
    expect(d.likelyCause?.explanation).toContain('full-width');
    expect(d.message).toHaveLength(0);
  });

  it('reports HEADERS_MISSING for an unsigned answer', async () => {
    const d = await diagnoseSignature(responseInput(r1, { headers: { 'wechatpay-serial': PUB_KEY_ID } }));
    expect(d.likelyCause?.code).toBe('HEADERS_MISSING');
    expect(d.likelyCause?.explanation).toContain('Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature');
  });

  it('agrees with a signature the receiver key makes over a fresh answer', async () => {
    const body = '{"ret_msg":"SUCC","extra":"中文"}';
    const message = buildResponseMessage({ timestamp: r1.timestamp, nonce: r1.nonce, body });
    const signature = engine.signSync(receiverPrivate, message);
    const headers = { 'Wechatpay-Timestamp': r1.timestamp, 'Wechatpay-Nonce': r1.nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': PUB_KEY_ID };
    expect((await diagnoseSignature(responseInput(r1, { headers, body }))).verified).toBe(true);
  });

  it('never throws, whatever the headers, URL and body (property)', async () => {
    const header = fc.oneof(fc.string(), fc.constant(v1.authorization), fc.string().map((s) => v1.authorization.replace(v1.signature, s)), fc.string().map((s) => v1.authorization.replace(v1.timestamp, s)));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), header, fc.string(), fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 64 }), async (isRequest, value, url, text, bytes) => {
        const input: DiagnoseSignatureInput = isRequest
          ? { kind: 'request', method: 'POST', url, headers: { authorization: value, host: text }, body: bytes.length % 2 ? bytes : text, publicKeys: senderKeys, clock: clockAt(v1.timestamp) }
          : { kind: 'response', headers: { 'wechatpay-timestamp': text, 'wechatpay-nonce': 'n', 'wechatpay-signature': value, 'wechatpay-serial': PUB_KEY_ID }, body: bytes, publicKeys: receiverKeys };
        const d = await diagnoseSignature(input);
        expect(typeof d.verified).toBe('boolean');
        if (!d.verified) expect(d.likelyCause?.code).toEqual(expect.any(String));
      }),
      { numRuns: 200 },
    );
  });
});
