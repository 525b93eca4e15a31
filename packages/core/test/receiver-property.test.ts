// Property: no mutation of a valid signed request reaches the handler. fast-check flips bytes of the body,
// url and Authorization, changes the method, drops or replaces headers, shifts the timestamp or replays the
// request; each must be refused with a 4xx before the handler runs (protocol.md §3).
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { ReceiverRequest } from '../src/types.js';
import { createReceiver } from '../src/receiver/index.js';
import { ANSWER_KEY_ID, MCHID, NOW, SERIAL_NO, answerKeys, answerVerifies, senderKeys, signedRequest } from './receiver-fixtures.js';

type Request = Omit<ReceiverRequest, 'headers'> & { headers: Record<string, string> };
interface Mutation {
  name: string;
  apply: (request: Request) => Request;
  /** Send the original first (replay). */
  replay?: boolean;
}

const valid = signedRequest({ url: '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify?a=1' });

function copy(request: Request): Request {
  return { ...request, headers: { ...request.headers }, body: request.body.slice() };
}

function replaceChar(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

const flipBody = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]): Mutation => ({
  name: `flip body byte ${at % valid.body.length} ^ ${mask}`,
  apply: (request) => {
    const next = copy(request);
    const index = at % next.body.length;
    next.body[index] = (next.body[index] as number) ^ mask;
    return next;
  },
}));

function flipText(field: 'url' | 'authorization') {
  return fc.tuple(fc.nat(), printable).map(([at, char]): Mutation => ({
    name: `set ${field}[${at}] to ${JSON.stringify(char)}`,
    apply: (request) => {
      const next = copy(request);
      const text = field === 'url' ? next.url : (next.headers.authorization as string);
      const index = at % text.length;
      const replacement = text[index] === char ? (char === 'A' ? 'B' : 'A') : char;
      if (field === 'url') next.url = replaceChar(text, index, replacement);
      else next.headers.authorization = replaceChar(text, index, replacement);
      return next;
    },
  }));
}

const changeMethod = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'post', 'HEAD', 'OPTIONS').map((method): Mutation => ({
  name: `method ${method}`,
  apply: (request) => ({ ...copy(request), method }),
}));

const dropHeader = fc.constantFrom('authorization', 'content-type').map((name): Mutation => ({
  name: `drop ${name}`,
  apply: (request) => {
    const next = copy(request);
    delete next.headers[name];
    return next;
  },
}));

const badContentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=gbk', 'multipart/form-data', '').map((value): Mutation => ({
  name: `content-type ${JSON.stringify(value)}`,
  apply: (request) => ({ ...copy(request), headers: { ...request.headers, 'content-type': value } }),
}));

const staleTimestamp = fc.integer({ min: 301, max: 10_000_000 }).chain((offset) => fc.constantFrom(offset, -offset)).map((offset): Mutation => ({
  name: `re-signed ${offset} s away`,
  apply: (request) => signedRequest({ url: request.url, body: request.body, timestamp: NOW + offset }),
}));

const appendToBody = fc.constantFrom('\n', ' ', '\r\n', '}', '\u0000').map((suffix): Mutation => ({
  name: `append ${JSON.stringify(suffix)} to the body`,
  apply: (request) => ({ ...copy(request), body: new Uint8Array([...request.body, ...new TextEncoder().encode(suffix)]) }),
}));

const replay = fc.constant<Mutation>({ name: 'replay', apply: copy, replay: true });

const mutation = fc.oneof(
  flipBody,
  flipText('url'),
  flipText('authorization'),
  changeMethod,
  dropHeader,
  badContentType,
  staleTimestamp,
  appendToBody,
  replay,
);

function freshReceiver() {
  const handler = vi.fn();
  const receiver = createReceiver({
    // The Authorization's mchid is not in the signed message (protocol.md §3): binding it to the key is what
    // refuses an edited mchid.
    senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids: [MCHID] }],
    answerKeys: [{ id: ANSWER_KEY_ID, privateKey: answerKeys.privateKey }],
    handler,
    clock: () => NOW,
  });
  return { receiver, handler };
}

describe('receiver: mutated requests never reach the handler', () => {
  it('accepts the unmutated request (the property starts from a valid one)', async () => {
    const { receiver, handler } = freshReceiver();
    expect((await receiver.handle(copy(valid))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses every mutation with a 4xx before the handler', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const { receiver, handler } = freshReceiver();
        if (m.replay) {
          expect((await receiver.handle(copy(valid))).status).toBe(200);
          handler.mockClear();
        }
        const response = await receiver.handle(m.apply(copy(valid)));
        expect(handler).not.toHaveBeenCalled();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('answers any Wechatpay-Serial (it is not signed) as the named key, or else the first: the request is processed once, the answer signed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id.trim() === id && id !== ''), async (id) => {
        const { receiver, handler } = freshReceiver();
        const response = await receiver.handle({ ...copy(valid), headers: { ...valid.headers, 'wechatpay-serial': id } });
        expect(response.status).toBe(200);
        expect(handler).toHaveBeenCalledTimes(1);
        expect(response.headers['Wechatpay-Serial']).toBe(ANSWER_KEY_ID);
        expect(answerVerifies(response)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
