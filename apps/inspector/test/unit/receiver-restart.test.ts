/**
 * A stable local receiver: Start after Stop listens on the same port again (real HTTP on 127.0.0.1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/services/create-services.js';

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
