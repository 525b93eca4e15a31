// The digest search of diagnoseSignature and the edits behind its guesses: a guess "verifies" exactly when a
// real verification of its message does, the escape edits change only escaping, and GBK bytes decode back.
// Uses the openssl-made keys of test-vectors/ (public test material, never for real use).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature } from '../src/diagnose/index.js';
import { encodeGbk } from '../src/diagnose/gbk-encode.js';
import { escapeSlashes, escapeUnicode, unescapeSlashes, unescapeUnicode } from '../src/diagnose/json-escapes.js';
import { createNodeEngine } from '../src/engines/index.js';
import { loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { buildAuthorization, buildRequestMessage, buildResponseMessage } from '../src/protocol/index.js';

const dir = new URL('../../../test-vectors/', import.meta.url);
const vectors = JSON.parse(readFileSync(new URL('vectors.json', dir), 'utf8')) as { mchid: string; serial_no: string; wechatpay_public_key_id: string };
const senderPrivate = loadPrivateKey(readFileSync(new URL('sender/apiclient_key.pem', dir)));
const senderPublic = loadPublicKey(readFileSync(new URL('sender/apiclient_pub.pem', dir)));
const answerPrivate = loadPrivateKey(readFileSync(new URL('receiver/wxp_key.pem', dir)));
const answerPublic = loadPublicKey(readFileSync(new URL('receiver/wxp_pub.pem', dir)));
const engine = createNodeEngine();
const PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const TS = '1757900000';
const NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242';
const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('digest search', () => {
  it('marks a guess as verifying exactly when a real verification of its message with that key succeeds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValue, jsonValue, fc.boolean(), async (signedValue, sentValue, withAnswerKey) => {
        const signedBody = JSON.stringify(signedValue) ?? 'null';
        const sentBody = JSON.stringify(sentValue) ?? 'null';
        const message = buildRequestMessage({ method: 'POST', url: PATH, timestamp: TS, nonce: NONCE, body: signedBody });
        const signature = engine.signSync(withAnswerKey ? answerPrivate : senderPrivate, message);
        const authorization = buildAuthorization({ mchid: vectors.mchid, nonce: NONCE, timestamp: TS, serialNo: vectors.serial_no, signature });
        const d = await diagnoseSignature({
          kind: 'request', method: 'POST', url: PATH, headers: { authorization }, body: sentBody,
          publicKeys: new Map([[vectors.serial_no, senderPublic]]), answerKeys: new Map([[vectors.wechatpay_public_key_id, answerPublic]]),
          clock: () => Number(TS),
        });
        const keys = new Map([[vectors.serial_no, senderPublic], [vectors.wechatpay_public_key_id, answerPublic]]);
        for (const variant of d.variants) {
          const really = await Promise.all([...keys].map(async ([id, key]) => ((await engine.verify(key, variant.message, signature)) ? id : undefined)));
          const verifiedBy = really.find((id) => id !== undefined);
          expect(variant.verifies, variant.name).toBe(verifiedBy !== undefined);
          if (variant.verifies) expect(really).toContain(variant.keyId);
        }
        if (withAnswerKey && !d.verified) expect(d.likelyCause?.code).toBe('SIGNED_WITH_ANSWER_KEY');
      }),
      { numRuns: 40 },
    );
  });

  it('names an answer signature whose "+" arrived as spaces SIGNATURE_PLUS_AS_SPACE', async () => {
    const body = '{"ret_msg":"SUCC"}';
    let signature = '';
    let nonce = 0;
    // Find a signature with a "+" in it (most have several).
    while (!signature.includes('+')) signature = engine.signSync(answerPrivate, buildResponseMessage({ timestamp: TS, nonce: `N${nonce++}`, body }));
    const d = await diagnoseSignature({
      kind: 'response',
      headers: { 'wechatpay-timestamp': TS, 'wechatpay-nonce': `N${nonce - 1}`, 'wechatpay-signature': signature.replace(/\+/g, ' '), 'wechatpay-serial': vectors.wechatpay_public_key_id },
      body,
      publicKeys: new Map([[vectors.wechatpay_public_key_id, answerPublic]]),
      clock: () => Number(TS),
    });
    expect(d.verified).toBe(false);
    expect(d.likelyCause?.code).toBe('SIGNATURE_PLUS_AS_SPACE');
  });

  it('never names a request signed with the answer key when no answer key is given', async () => {
    const message = buildRequestMessage({ method: 'POST', url: PATH, timestamp: TS, nonce: NONCE, body: '{}' });
    const authorization = buildAuthorization({ mchid: vectors.mchid, nonce: NONCE, timestamp: TS, serialNo: vectors.serial_no, signature: engine.signSync(answerPrivate, message) });
    const d = await diagnoseSignature({ kind: 'request', method: 'POST', url: PATH, headers: { authorization }, body: '{}', publicKeys: new Map([[vectors.serial_no, senderPublic]]), clock: () => Number(TS) });
    expect(d.likelyCause?.code).toBe('WRONG_KEY');
  });
});

describe('escape edits', () => {
  it('change only escaping: the JSON value stays the same and the edits undo each other (property)', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = JSON.stringify(value) ?? 'null';
        for (const edited of [escapeUnicode(text), escapeSlashes(text), escapeSlashes(escapeUnicode(text))]) {
          expect(JSON.parse(edited)).toEqual(JSON.parse(text));
        }
        expect(unescapeUnicode(escapeUnicode(text))).toBe(text);
        expect(unescapeSlashes(escapeSlashes(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keep an escaped backslash before a slash, and ASCII \\u escapes, as they are', () => {
    expect(unescapeSlashes('"a\\\\/b"')).toBe('"a\\\\/b"');
    expect(unescapeUnicode('"\\u0041\\u5ba1"')).toBe('"\\u0041审"');
  });
});

describe('GBK encoding', () => {
  it('gives bytes that decode back to the text, for any text it can encode (property)', () => {
    const decoder = new TextDecoder('gbk');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('审', '核', '驳', '回', '，', 'a', '1', '"', '€', '😀', 'ß') }), (text) => {
        const bytes = encodeGbk(text);
        if (bytes !== undefined) expect(decoder.decode(bytes)).toBe(text);
        else expect([...text].some((c) => c === '😀' || c === 'ß' || c === '€')).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect([...(encodeGbk('审核') ?? [])]).toEqual([0xc9, 0xf3, 0xba, 0xcb]);
  });
});
