// `auditnotify listen` bounds what a client can hold: a request head sent too slowly is answered 408 and
// closed, and connections over the cap are closed at once. Real sockets against the real process.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerLimits, DEFAULT_SERVER_LIMITS } from '../src/commands/server-limits.js';
import { run, startListen, tempDir } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
});
afterAll(() => tmp.remove());

/** Opens a socket to `origin`; resolves once connected, with everything it received when it closes. */
async function open(origin: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => void (received += chunk));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return { socket, closed };
}

describe('auditnotify listen server limits', () => {
  it('answers 408 and closes a connection whose request head does not arrive in time', async () => {
    const listener = await startListen(['--keys', keys, '--store', 'memory', '--headers-timeout', '500', '--request-timeout', '1000']);
    try {
      const { socket, closed } = await open(listener.origin);
      socket.write('POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify HTTP/1.1\r\nHost: x\r\n');
      expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await listener.stop();
    }
  });

  it('closes connections over --max-connections at once and keeps serving the others', async () => {
    const listener = await startListen(['--keys', keys, '--store', 'memory', '--max-connections', '2']);
    try {
      const kept = [await open(listener.origin), await open(listener.origin)];
      // Each kept connection is known to the server once it has answered on it.
      for (const { socket } of kept) {
        const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
        await answered;
      }
      const extra = await open(listener.origin);
      extra.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await extra.closed).toBe('');
      for (const { socket } of kept) expect(socket.destroyed).toBe(false);
      for (const { socket } of kept) socket.destroy();
    } finally {
      await listener.stop();
    }
  });

  it('refuses limits that are not positive whole numbers, or a head timeout over the request timeout', async () => {
    expect(parseServerLimits({})).toEqual(DEFAULT_SERVER_LIMITS);
    expect(() => parseServerLimits({ 'max-connections': '0' })).toThrow(/--max-connections must be a positive whole number/);
    expect(() => parseServerLimits({ 'headers-timeout': '20000', 'request-timeout': '10000' })).toThrow(/--headers-timeout must not be longer/);
    const result = await run(['listen', '--keys', keys, '--keep-alive-timeout', '5s']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--keep-alive-timeout must be a positive whole number, got "5s"');
  });
});
