/**
 * Honest labels and a stable local receiver: the timestamp note says "old" for a past timestamp, and Start
 * after Stop listens on the same port again (real HTTP on 127.0.0.1).
 */
import { buildAuthorization } from '@auditnotify/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { authorizationFields } from '../../src/main/services/signature-fields.js';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('local receiver Stop and Start', () => {
  it('listens on the same port after Stop, so the URL shown before stays right', async () => {
    services = createServices({ mode: 'test', version: '0', seedKeys: true });
    const first = await services.receiver.start();
    await services.receiver.stop();
    const again = await services.receiver.start();
    expect(again.port).toBe(first.port);
    expect(again.url).toBe(first.url);
    const res = await fetch(again.url!, { method: 'POST', body: '{}' });
    await res.arrayBuffer();
    // Answered by the receiver itself: a request without Authorization is refused, not a connection error.
    expect(res.status).toBe(400);
  });
});

describe('timestamp note of the Authorization fields', () => {
  const header = (timestamp: number): string =>
    buildAuthorization({ mchid: '1900016681', nonce: 'N'.repeat(32), timestamp, serialNo: 'ABC', signature: 'c2ln' });
  const note = (timestamp: number, now: number): string | undefined => authorizationFields(header(timestamp), new Map(), now).find((f) => f.name === 'timestamp')?.note;

  it('never calls a past timestamp "from now"', () => {
    expect(note(1_700_000_000, 1_700_000_600)).toMatch(/^600 s (old|ago)\b/);
    expect(note(1_700_000_000, 1_700_000_600)).not.toMatch(/from now/);
    expect(note(1_700_000_600, 1_700_000_000)).toMatch(/600 s (from now|in the future|ahead)/);
  });
});
