// The receiver with an inbox (receiver/inbox-step.ts): the handler runs to success at most once per
// (mchid, out_request_no); resends answer the recorded answer; other fields are a conflict; concurrent
// deliveries run the handler once; a dead instance's claim expires after its lease. Without an inbox the
// handler runs for every delivery (at-least-once).
import { describe, expect, it, vi } from 'vitest';
import type { AcceptedEvent, NotifyContext, RejectedEvent } from '../src/receiver/index.js';
import { createMemoryInbox, createReceiver } from '../src/receiver/index.js';
import { NOW, SAMPLE, json, receiverOptions, signedRequest } from './receiver-fixtures.js';

const body = (fields: Record<string, unknown> = {}): string => JSON.stringify({ ...SAMPLE, ...fields });

describe('receiver with an inbox', () => {
  it('answers a resend with a fresh nonce from the record, without running the handler, and calls onDuplicate', async () => {
    const handler = vi.fn((context: NotifyContext) => context.answer('SUCC recorded'));
    const duplicates: AcceptedEvent[] = [];
    const accepted: AcceptedEvent[] = [];
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, inbox: createMemoryInbox({ clock: () => NOW }), onDuplicate: (event) => duplicates.push(event), onAccepted: (event) => accepted.push(event) }));
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(200);
    // Same fields, other whitespace and key order: the same notification.
    const resend = await receiver.handle(signedRequest({ body: JSON.stringify(Object.fromEntries(Object.entries(SAMPLE).reverse()), null, 2) }));
    expect(resend.status).toBe(200);
    expect(json(resend)).toEqual({ ret_msg: 'SUCC recorded' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(accepted).toHaveLength(1);
    expect(duplicates).toEqual([expect.objectContaining({ outRequestNo: SAMPLE.out_request_no, mchid: SAMPLE.mchid, status: 200 })]);
  });

  it('refuses the same out_request_no with other fields (OUT_REQUEST_NO_CONFLICT) and keeps the record', async () => {
    const handler = vi.fn();
    const rejected: RejectedEvent[] = [];
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, inbox: createMemoryInbox({ clock: () => NOW }), onRejected: (event) => rejected.push(event) }));
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(200);
    const conflict = await receiver.handle(signedRequest({ body: body({ audit_result: 'REJECT', fail_code: 'E1', fail_msg: 'bad' }) }));
    expect(conflict.status).toBe(400);
    expect(json(conflict)).toMatchObject({ code: 'INVALID_REQUEST', detail: { reason: 'OUT_REQUEST_NO_CONFLICT', field: '/out_request_no', value: SAMPLE.out_request_no } });
    expect(rejected.map((event) => event.code)).toEqual(['OUT_REQUEST_NO_CONFLICT']);
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('identifies a notification by its documented fields: a resend whose unknown fields differ is a duplicate, not a conflict', async () => {
    const handler = vi.fn();
    const duplicates: AcceptedEvent[] = [];
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, inbox: createMemoryInbox({ clock: () => NOW }), onDuplicate: (event) => duplicates.push(event) }));
    expect((await receiver.handle(signedRequest({ body: body({ trace_id: 'attempt-1' }) }))).status).toBe(200);
    const resend = await receiver.handle(signedRequest({ body: body({ trace_id: 'attempt-2', retry: true }) }));
    expect(resend.status).toBe(200);
    expect(json(resend)).toEqual({ ret_msg: 'SUCC' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0]?.[0] as NotifyContext).unknownFields).toEqual({ trace_id: 'attempt-1' });
    expect(duplicates).toHaveLength(1);
  });

  it('runs the handler once for twenty concurrent deliveries; the others get a retryable 503 and then the record', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const handler = vi.fn(async () => {
      entered();
      await gate;
    });
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, inbox: createMemoryInbox({ clock: () => NOW }) }));
    const requests = Array.from({ length: 20 }, () => signedRequest({ body: body() }));
    const pending = requests.map((request) => receiver.handle(request));
    await inHandler;
    const settled = await Promise.all(pending.slice(1));
    open();
    const first = await pending[0]!;
    const answers = [first, ...settled];
    expect(handler).toHaveBeenCalledTimes(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy).toHaveLength(19);
    expect(json(busy[0]!)).toMatchObject({ code: 'SYSTEM_ERROR', detail: { reason: 'NOTIFICATION_IN_PROGRESS' } });
    expect(busy[0]!.headers['Retry-After']).toBe('60');
    // The sender retries the same signed request: its nonce was released, and the record answers.
    const retried = await receiver.handle(requests[5]!);
    expect(retried.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs the handler again after it failed (the claim is released)', async () => {
    const handler = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValueOnce(undefined);
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW, inbox: createMemoryInbox({ clock: () => NOW }) }));
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(500);
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(200);
    expect((await receiver.handle(signedRequest({ body: body() }))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('lets another receiver take over a claim whose lease expired (the first one died in its handler)', async () => {
    let now = NOW;
    const clock = (): number => now;
    const inbox = createMemoryInbox({ clock });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const hang = (): Promise<never> => {
      entered();
      return new Promise<never>(() => undefined);
    };
    const dead = createReceiver(receiverOptions({ handler: hang, clock, inbox, inboxLeaseSeconds: 30 }));
    const aliveHandler = vi.fn();
    const alive = createReceiver(receiverOptions({ handler: aliveHandler, clock, inbox, inboxLeaseSeconds: 30 }));
    void dead.handle(signedRequest({ body: body() }));
    await inHandler;
    expect((await alive.handle(signedRequest({ body: body() }))).status).toBe(503);
    now += 30;
    expect((await alive.handle(signedRequest({ body: body(), timestamp: now }))).status).toBe(200);
    expect(aliveHandler).toHaveBeenCalledTimes(1);
  });

  it('without an inbox runs the handler for every delivery (at-least-once)', async () => {
    const handler = vi.fn();
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW }));
    await receiver.handle(signedRequest({ body: body() }));
    await receiver.handle(signedRequest({ body: body() }));
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('refuses an inbox without the three methods at start-up', () => {
    expect(() => createReceiver(receiverOptions({ inbox: { claim: async () => ({ state: 'claimed', token: 't' }) } as never }))).toThrow(/`inbox` must have claim/);
  });
});
