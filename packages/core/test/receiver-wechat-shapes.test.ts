// The shapes of WeChat Pay's own error answers (docs/protocol.md, "Fidelity"): a signature mismatch carries
// `detail.detail.issue`, `field`, `location` and `sign_information` with `sign_message_length` and the
// message cut a few bytes into the body; a PARAM_ERROR names its field as a JSON Pointer.
import { describe, expect, it } from 'vitest';
import { createReceiver } from '../src/receiver/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { NOW, SAMPLE, json, receiverOptions, signedRequest } from './receiver-fixtures.js';

const encoder = new TextEncoder();
const receiver = () => createReceiver(receiverOptions({ clock: () => NOW }));

describe('receiver: WeChat Pay answer shapes', () => {
  it('answers a signature mismatch as WeChat Pay does', async () => {
    const nonce = 'IXlHDnWguGbz7uMOL7xdPibFoV342jP3';
    const request = signedRequest({ nonce });
    request.body = encoder.encode(JSON.stringify({ ...SAMPLE, audit_result: 'REJECT' }));
    const response = await receiver().handle(request);
    expect(response.status).toBe(401);
    const head = `POST\n${NOTIFY_PATH}\n${NOW}\n${nonce}\n`;
    expect(json(response)).toEqual({
      code: 'SIGN_ERROR',
      message: expect.any(String),
      detail: {
        reason: 'SIGNATURE_MISMATCH',
        detail: { issue: 'sign not match' },
        field: 'signature',
        location: 'authorization',
        sign_information: {
          method: 'POST',
          url: NOTIFY_PATH,
          sign_message_length: head.length + request.body.byteLength + 1,
          // The body cut after its first 8 bytes, as WeChat Pay shows `{"amount` of a payment request.
          truncated_sign_message: `${head}{"out_re\n`,
        },
      },
    });
  });

  it('cuts the body preview on a character boundary and shows a short body whole', async () => {
    const nonce = '593BEC0C930BF1AFEB40B4A08C8FB242';
    const chinese = signedRequest({ nonce });
    chinese.body = encoder.encode('{"a审核":"通过了"}');
    const info = json(await receiver().handle(chinese)).detail?.sign_information as { truncated_sign_message: string; sign_message_length: number };
    expect(info.truncated_sign_message).toBe(`POST\n${NOTIFY_PATH}\n${NOW}\n${nonce}\n{"a审\n`);
    expect(info.sign_message_length).toBe(`POST\n${NOTIFY_PATH}\n${NOW}\n${nonce}\n`.length + chinese.body.byteLength + 1);
    const short = signedRequest({ nonce });
    short.body = encoder.encode('{}');
    expect((json(await receiver().handle(short)).detail?.sign_information as { truncated_sign_message: string }).truncated_sign_message).toBe(
      `POST\n${NOTIFY_PATH}\n${NOW}\n${nonce}\n{}\n`,
    );
  });

  it('shows sign_information only on a signature mismatch, as WeChat Pay does', async () => {
    const stale = json(await receiver().handle(signedRequest({ timestamp: NOW - 400 })));
    expect(stale.detail?.reason).toBe('TIMESTAMP_OUT_OF_WINDOW');
    expect(stale.detail).not.toHaveProperty('sign_information');
    const unknown = json(await receiver().handle(signedRequest({ serialNo: 'ABCDEF' })));
    expect(unknown.detail?.reason).toBe('UNKNOWN_SERIAL');
    expect(unknown.detail).not.toHaveProperty('sign_information');
  });

  it('names the field of a PARAM_ERROR as a JSON Pointer, nested fields and escapes included', async () => {
    const r = receiver();
    const top = json(await r.handle(signedRequest({ body: JSON.stringify({ ...SAMPLE, mchid: 1900016681 }) })));
    expect(top).toMatchObject({ code: 'PARAM_ERROR', detail: { reason: 'PARAM_ERROR', location: 'body', field: '/mchid' } });
    const missing = json(await r.handle(signedRequest({ body: JSON.stringify({ mchid: SAMPLE.mchid, audit_result: 'PASS' }) })));
    expect(missing.detail).toMatchObject({ field: '/out_request_no' });
    expect((missing.detail?.issues as { field: string }[]).map((issue) => issue.field)).toEqual(['/out_request_no']);
    const nested = json(await r.handle(signedRequest({ body: JSON.stringify({ ...SAMPLE, 'a/b~c': { list: ['ok', '\u{1F600}'] } }) })));
    expect(nested.detail).toMatchObject({ field: '/a~1b~0c/list/1' });
    const notObject = json(await r.handle(signedRequest({ body: '[]' })));
    expect(notObject.detail).toMatchObject({ field: '' });
  });
});
