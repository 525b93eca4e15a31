// Profiles in the running services: the chosen profile's pinned port is where the local receiver listens
// (after Stop/Start and after a restart), a taken port is a typed error and not a crash, and anything sent with a production key or profile asks first
// (CONFIRMATION_REQUIRED from the one backend guard), even to the local receiver. Real HTTP on 127.0.0.1.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/main/api-handlers.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { seededDataDir } from './seeded-data-dir.js';

const open: Services[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
});

function start(dataDir: string): Services {
  const services = createServices({ dataDir, mode: 'test', version: '0' });
  open.push(services);
  return services;
}

/** A port some other program holds on 127.0.0.1 (kept until the test ends). */
async function takenPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

/** A port free a moment ago. */
async function freePort(): Promise<number> {
  const port = await takenPort();
  await new Promise((resolve) => blockers.pop()!.close(resolve));
  return port;
}

describe('pinned receiver port', () => {
  it('listens on the chosen profile\'s port after Stop/Start and after a restart', async () => {
    const dataDir = seededDataDir();
    const services = start(dataDir);
    const port = await freePort();
    const local = services.profiles.current();
    services.profiles.update({ ...local, receiverPort: port });
    expect((await services.receiver.start()).port).toBe(port);
    await services.receiver.stop();
    const again = await services.receiver.start();
    expect(again).toMatchObject({ port, pinnedPort: port });
    const answer = await fetch(again.url!, { method: 'POST', body: '{}' });
    await answer.arrayBuffer();
    expect(answer.status).toBe(400);
    await services.close();
    open.splice(open.indexOf(services), 1);

    const restarted = start(dataDir);
    await restarted.startReceiver();
    expect(restarted.receiver.status()).toMatchObject({ running: true, port });
  });

  it('answers a taken port with RECEIVER_PORT_IN_USE, keeps it in the status, and starts up anyway', async () => {
    const dataDir = seededDataDir();
    const port = await takenPort();
    const first = start(dataDir);
    first.profiles.update({ ...first.profiles.current(), receiverPort: port });
    await first.close();

    const services = start(dataDir);
    await expect(services.startReceiver()).resolves.toBeUndefined();
    expect(services.receiver.status()).toMatchObject({ running: false, pinnedPort: port, error: { code: 'RECEIVER_PORT_IN_USE', detail: { port } } });
    const handlers = createApiHandlers(services);
    expect(await handlers['receiver.start']({})).toMatchObject({ ok: false, error: { code: 'RECEIVER_PORT_IN_USE', message: expect.stringContaining(String(port)) } });

    await new Promise((resolve) => blockers.pop()!.close(resolve));
    expect(await handlers['receiver.start']({})).toMatchObject({ ok: true, data: { running: true, port } });
    expect(services.receiver.status()).not.toHaveProperty('error');
  });
});

describe('production keys and profiles ask first', () => {
  it('refuses a send with a key of a production profile until confirmed, even to the local receiver', async () => {
    const services = start(seededDataDir());
    const handlers = createApiHandlers(services);
    const merchant = services.keys.list().find((k) => k.role === 'merchant')!.id;
    const body = { kind: 'notification' as const, notification: services.compose.sample().notification };
    expect(await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body })).toMatchObject({ ok: true });
    const before = services.history.list({ limit: 100 }).entries.length;

    const production = services.profiles.state().profiles.find((p) => p.production)!;
    services.profiles.update({ ...production, senderKeyId: merchant });
    const refused = await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', detail: { reason: 'production-key' } } });
    expect(services.history.list({ limit: 100 }).entries.length).toBe(before);
    const id = services.history.list({ limit: 1 }).entries[0]!.id;
    expect(await handlers['history.resend']({ id })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body, confirmProduction: true })).toMatchObject({ ok: true, data: { verdict: { kind: 'accepted' } } });
  });

  it('refuses a send while a production profile is chosen until confirmed', async () => {
    const services = start(seededDataDir());
    const handlers = createApiHandlers(services);
    const merchant = services.keys.list().find((k) => k.role === 'merchant')!.id;
    const production = services.profiles.state().profiles.find((p) => p.production)!;
    services.profiles.select(production.id);
    const body = { kind: 'text' as const, text: '{}' };
    expect(await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', detail: { reason: 'production-profile' } } });
    expect(await handlers['send.run']({ target: { kind: 'local' }, keyId: merchant, body, confirmProduction: true })).toMatchObject({ ok: true });
  });
});
