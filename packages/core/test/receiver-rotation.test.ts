// Key rotation: several sender keys by serial_no (mchids allowed per key) and several answer keys chosen by
// the request's Wechatpay-Serial (protocol.md §4).
import { describe, expect, it, vi } from 'vitest';
import { createReceiver } from '../src/receiver/index.js';
import { ANSWER_KEY_ID, MCHID, NOW, SERIAL_NO, answerKeys, answerVerifies, freshKeys, json, senderKeys, signedRequest } from './receiver-fixtures.js';

const nextSender = freshKeys();
const nextAnswer = freshKeys();
const NEXT_SERIAL = '6A0D7E11C2B3A4F5061728394A5B6C7D8E9F0A1B';
const NEXT_ANSWER_ID = 'PUB_KEY_ID_0119000166812026011500000000000002';

function rotating() {
  const handler = vi.fn();
  const receiver = createReceiver({
    senders: [
      { serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids: [MCHID] },
      { serialNo: NEXT_SERIAL, publicKey: nextSender.publicKey, mchids: [MCHID, '1900000002'] },
    ],
    answerKeys: [
      { id: ANSWER_KEY_ID, privateKey: answerKeys.privateKey },
      { id: NEXT_ANSWER_ID, privateKey: nextAnswer.privateKey },
    ],
    handler,
    clock: () => NOW,
  });
  return { receiver, handler };
}

describe('receiver key rotation', () => {
  it('accepts requests signed with the old and the new sender key, each under its serial', async () => {
    const { receiver, handler } = rotating();
    expect((await receiver.handle(signedRequest())).status).toBe(200);
    expect((await receiver.handle(signedRequest({ serialNo: NEXT_SERIAL, key: nextSender.privatePem }))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(handler.mock.calls.map((call) => (call[0] as { serialNo: string }).serialNo)).toEqual([SERIAL_NO, NEXT_SERIAL]);
  });

  it('refuses a new key presented under the old serial (SIGN_ERROR)', async () => {
    const { receiver, handler } = rotating();
    const response = await receiver.handle(signedRequest({ serialNo: SERIAL_NO, key: nextSender.privatePem }));
    expect(response.status).toBe(401);
    expect(json(response).detail?.reason).toBe('SIGNATURE_MISMATCH');
    expect(handler).not.toHaveBeenCalled();
  });

  it('allows mchids per key: an mchid allowed on the new key only is refused on the old one with 403 NO_AUTH', async () => {
    const { receiver } = rotating();
    const onNew = await receiver.handle(signedRequest({ serialNo: NEXT_SERIAL, key: nextSender.privatePem, mchid: '1900000002' }));
    expect(onNew.status).toBe(200);
    const onOld = await receiver.handle(signedRequest({ mchid: '1900000002' }));
    expect(onOld.status).toBe(403);
    expect(json(onOld)).toMatchObject({ code: 'NO_AUTH', detail: { reason: 'MCHID_NOT_ALLOWED' } });
  });

  it('signs the answer with the key the request named in Wechatpay-Serial', async () => {
    const { receiver } = rotating();
    const old = await receiver.handle(signedRequest({ answerKeyId: ANSWER_KEY_ID }));
    expect(old.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
    expect(answerVerifies(old, answerKeys.publicPem)).toBe(true);
    const next = await receiver.handle(signedRequest({ answerKeyId: NEXT_ANSWER_ID }));
    expect(next.headers['Wechatpay-Serial']).toBe(NEXT_ANSWER_ID);
    expect(answerVerifies(next, nextAnswer.publicPem)).toBe(true);
    expect(answerVerifies(next, answerKeys.publicPem)).toBe(false);
  });

  it('signs error answers of verified requests with the named key too', async () => {
    const { receiver } = rotating();
    const response = await receiver.handle(signedRequest({ answerKeyId: NEXT_ANSWER_ID, body: JSON.stringify({ out_request_no: 'x' }) }));
    expect(response.status).toBe(400);
    expect(answerVerifies(response, nextAnswer.publicPem)).toBe(true);
  });

  it('uses the first answer key when the request names none', async () => {
    const { receiver } = rotating();
    const response = await receiver.handle(signedRequest({ answerKeyId: null }));
    expect(response.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
    expect(answerVerifies(response, answerKeys.publicPem)).toBe(true);
  });
});
