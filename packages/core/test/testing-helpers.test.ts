import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_PATH } from '../src/protocol/constants.js';
import { createReceiver } from '../src/receiver/index.js';
import { verifyRequestSignature, verifyResponse } from '../src/signing/index.js';
import { buildRequestMessage, parseAuthorization } from '../src/protocol/index.js';
import { createTestRequest, generateTestKeys, sampleNotification, type TestKeys } from '../src/testing.js';
import { openssl, tempDir } from './keys-helpers.js';

const tmp = tempDir();
let keys: TestKeys;

beforeAll(() => {
  keys = generateTestKeys();
});
afterAll(() => tmp.cleanup());

describe('generateTestKeys', () => {
  it('loads every key of the set and prepares the receiver, client and verifier options', () => {
    expect(keys.handles.senderCertificate.serialNo).toBe(keys.serialNo);
    expect(keys.handles.senderPrivateKey.fingerprint).toBe(keys.handles.senderCertificate.publicKey.fingerprint);
    expect(keys.handles.receiverPrivateKey.fingerprint).toBe(keys.handles.receiverPublicKey.fingerprint);
    expect(keys.senders).toEqual([{ serialNo: keys.serialNo, publicKey: keys.handles.senderCertificate.publicKey, mchids: [keys.mchid] }]);
    expect(keys.answerKeys[0]?.id).toBe(keys.wechatpayPublicKeyId);
    expect(keys.wechatpayPublicKeys[0]?.publicKey).toBe(keys.handles.receiverPublicKey);
    expect(keys.publicKeys.get(keys.wechatpayPublicKeyId)).toBe(keys.handles.receiverPublicKey);
  });
});

describe('sampleNotification', () => {
  it('is the example of the endpoint page, a fresh copy each call', () => {
    const sample = sampleNotification();
    expect(sample).toEqual({
      out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
      mchid: '1900016681',
      audit_result: 'PASS',
      audit_finish_time: '2015-05-20T13:29:35+08:00',
      attach_info: 'updateidcard',
      fail_code: '1001',
      fail_msg: 'IDCARD_ILLEGAL',
    });
    sample.mchid = 'changed';
    expect(sampleNotification().mchid).toBe('1900016681');
  });
});

describe('createTestRequest', () => {
  it('signs the sample notification for the notify path with the sender key and names the answer key', async () => {
    const request = await createTestRequest({ keys });
    expect(request.method).toBe('POST');
    expect(request.url).toBe(NOTIFY_PATH);
    expect(JSON.parse(new TextDecoder().decode(request.body))).toEqual(sampleNotification());
    expect(request.headers['wechatpay-serial']).toBe(keys.wechatpayPublicKeyId);
    expect(request.headers['content-type']).toBe('application/json');
    const authorization = parseAuthorization(request.headers.authorization);
    expect(authorization).toMatchObject({ mchid: keys.mchid, serialNo: keys.serialNo });
    await expect(
      verifyRequestSignature({ ...request, authorization, publicKey: keys.handles.senderCertificate.publicKey }),
    ).resolves.toBe(true);
  });

  it('produces a signature that `openssl dgst -sha256 -verify` accepts over the §3 message', async () => {
    const request = await createTestRequest({ keys, body: '{"exact":"bytes"}', url: `${NOTIFY_PATH}?a=1`, timestamp: 1757900000, nonce: 'N'.repeat(32) });
    const { signature } = parseAuthorization(request.headers.authorization);
    const message = buildRequestMessage({ method: 'POST', url: `${NOTIFY_PATH}?a=1`, timestamp: 1757900000, nonce: 'N'.repeat(32), body: '{"exact":"bytes"}' });
    writeFileSync(tmp.file('message'), message);
    writeFileSync(tmp.file('signature'), Buffer.from(signature, 'base64'));
    writeFileSync(tmp.file('cert.pem'), keys.sender.certificatePem);
    openssl(['x509', '-in', tmp.file('cert.pem'), '-pubkey', '-noout', '-out', tmp.file('pub.pem')]);
    expect(openssl(['dgst', '-sha256', '-verify', tmp.file('pub.pem'), '-signature', tmp.file('signature'), tmp.file('message')])).toContain('Verified OK');
  });

  it('works with a plain key set (PEM only) and a custom notification', async () => {
    const { handles: _handles, senders: _s, answerKeys: _a, wechatpayPublicKeys: _w, publicKeys: _p, ...plain } = keys;
    const request = await createTestRequest({ keys: plain, notification: { ...sampleNotification(), audit_result: 'REJECT' } });
    expect(new TextDecoder().decode(request.body)).toContain('"audit_result":"REJECT"');
    const authorization = parseAuthorization(request.headers.authorization);
    await expect(verifyRequestSignature({ ...request, authorization, publicKey: keys.handles.senderCertificate.publicKey })).resolves.toBe(true);
  });

  it('is accepted by a real receiver, whose signed answer verifies with the test public key', async () => {
    const received: string[] = [];
    const receiver = createReceiver({
      senders: [...keys.senders],
      answerKeys: [...keys.answerKeys],
      handler: (context) => void received.push(context.notification.out_request_no),
    });
    const request = await createTestRequest({ keys, notification: { ...sampleNotification(), out_request_no: 'R-testing-1' } });
    const answer = await receiver.handle(request);
    expect(answer.status).toBe(200);
    expect(received).toEqual(['R-testing-1']);
    const verified = await verifyResponse({ headers: answer.headers, body: answer.body, publicKeys: keys.publicKeys });
    expect(verified.keyId).toBe(keys.wechatpayPublicKeyId);
  });

  it('lets tests reproduce rejections: an old timestamp gets SIGN_ERROR', async () => {
    const receiver = createReceiver({ senders: [...keys.senders], answerKeys: [...keys.answerKeys], handler: () => undefined });
    const request = await createTestRequest({ keys, timestamp: Math.floor(Date.now() / 1000) - 301 });
    const answer = await receiver.handle(request);
    expect(answer.status).toBe(401);
    expect(JSON.parse(new TextDecoder().decode(answer.body)).code).toBe('SIGN_ERROR');
  });
});
