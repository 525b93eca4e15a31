// `auditnotify listen --store`: state that survives a restart (a real SQLite file, a real process stopped and
// started again), the default state file, and the store flag's grammar.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoreFlag } from '../src/options/store-option.js';
import { run, startListen, tempDir } from './helpers/cli.js';
import { post, signRequest } from './helpers/signed-request.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
});
afterAll(() => tmp.remove());

const notification = (outRequestNo: string, auditResult = 'PASS'): string =>
  JSON.stringify({ out_request_no: outRequestNo, mchid: '1900016681', audit_result: auditResult, audit_finish_time: '2015-05-20T13:29:35+08:00' });

describe('auditnotify listen: a sender naming an answer key the receiver does not have', () => {
  it('processes the notification, answers with its own key and says so on stderr, not stdout', async () => {
    const listener = await startListen(['--keys', keys, '--store', 'memory']);
    try {
      const request = signRequest(keys, notification('R-old-key-1'));
      request.headers['wechatpay-serial'] = 'PUB_KEY_ID_0119000166812024010100000000000009';
      const response = await fetch(`${listener.origin}/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify`, { method: 'POST', headers: request.headers, body: request.body });
      expect(response.status).toBe(200);
      const ownKey = response.headers.get('wechatpay-serial');
      expect(ownKey).toMatch(/^PUB_KEY_ID_/);
      expect(ownKey).not.toBe('PUB_KEY_ID_0119000166812024010100000000000009');
      expect(JSON.parse(await listener.nextLine())).toMatchObject({ event: 'accepted', notification: { out_request_no: 'R-old-key-1' } });
      expect(await listener.waitForStderr('unknown answer key')).toContain(`Wechatpay-Serial PUB_KEY_ID_0119000166812024010100000000000009 names no key of this receiver; answered with ${ownKey}`);
    } finally {
      await listener.stop();
    }
  });
});

describe('auditnotify listen --store sqlite:PATH across a restart', () => {
  it('refuses a replay of a request accepted before the restart, answers a resend 200 without printing it again', async () => {
    const state = join(tmp.dir, 'restart.db');
    const first = await startListen(['--keys', keys, '--store', `sqlite:${state}`]);
    const original = signRequest(keys, notification('R-restart-1'));
    expect((await post(first.origin, original)).status).toBe(200);
    expect(JSON.parse(await first.nextLine())).toMatchObject({ event: 'accepted', notification: { out_request_no: 'R-restart-1' } });
    expect(await first.stop()).toBe(0);

    const second = await startListen(['--keys', keys, '--store', `sqlite:${state}`]);
    try {
      const replay = await post(second.origin, original);
      expect(replay).toMatchObject({ status: 401, json: { code: 'SIGN_ERROR', detail: { reason: 'NONCE_REPLAYED' } } });

      const resend = await post(second.origin, signRequest(keys, notification('R-restart-1')));
      expect(resend).toEqual({ status: 200, json: { ret_msg: 'SUCC' } });
      expect(await second.waitForStderr('duplicate 1900016681/R-restart-1')).toContain('answered 200 from the store');

      const conflict = await post(second.origin, signRequest(keys, notification('R-restart-1', 'REJECT')));
      expect(conflict).toMatchObject({ status: 400, json: { code: 'INVALID_REQUEST', detail: { reason: 'OUT_REQUEST_NO_CONFLICT' } } });
      await second.waitForStderr('rejected 400 INVALID_REQUEST (OUT_REQUEST_NO_CONFLICT)');

      // The next line on stdout is the next new notification: the resend and the conflict printed nothing.
      expect((await post(second.origin, signRequest(keys, notification('R-restart-2')))).status).toBe(200);
      expect(JSON.parse(await second.nextLine())).toMatchObject({ notification: { out_request_no: 'R-restart-2' } });
    } finally {
      await second.stop();
    }
  });

  it('keeps its state in auditnotify-state.db in the working directory by default, named on the first stderr line', async () => {
    const cwd = join(tmp.dir, 'default-store');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(cwd);
    const listener = await startListen(['--keys', keys], { cwd });
    try {
      const stderr = await listener.waitForStderr('receiving POST');
      expect(stderr.split('\n')[0]).toBe(`state: sqlite ${join(cwd, 'auditnotify-state.db')}`);
      expect(existsSync(join(cwd, 'auditnotify-state.db'))).toBe(true);
    } finally {
      await listener.stop();
    }
  });

  it('keeps nothing across a restart with --store memory, and says so', async () => {
    const first = await startListen(['--keys', keys, '--store', 'memory']);
    const original = signRequest(keys, notification('R-memory-1'));
    expect((await post(first.origin, original)).status).toBe(200);
    expect(await first.waitForStderr('state: memory (lost when listen stops)')).toBeTruthy();
    await first.stop();
    const second = await startListen(['--keys', keys, '--store', 'memory']);
    try {
      expect((await post(second.origin, original)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('--store grammar', () => {
  it('exits 2 with USAGE_ERROR for a store it does not know, naming the accepted forms', async () => {
    const result = await run(['listen', '--keys', keys, '--store', 'postgres://db/x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--store must be sqlite:PATH, redis://HOST:PORT[/DB] or memory');
  });

  it('exits 2 when Redis cannot be reached, before listening', async () => {
    const result = await run(['listen', '--keys', keys, '--store', 'redis://127.0.0.1:1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(result.stdout).toBe('');
  });

  it('parses the three forms and resolves a relative SQLite path against the working directory', () => {
    expect(parseStoreFlag(undefined, '/srv')).toEqual({ kind: 'sqlite', path: '/srv/auditnotify-state.db' });
    expect(parseStoreFlag('sqlite:state/r.db', '/srv')).toEqual({ kind: 'sqlite', path: '/srv/state/r.db' });
    expect(parseStoreFlag('sqlite:/var/lib/r.db', '/srv')).toEqual({ kind: 'sqlite', path: '/var/lib/r.db' });
    expect(parseStoreFlag('redis://10.0.0.5:6379/2', '/srv')).toEqual({ kind: 'redis', url: 'redis://10.0.0.5:6379/2' });
    expect(parseStoreFlag('memory', '/srv')).toEqual({ kind: 'memory' });
    for (const bad of ['sqlite:', 'redis://host', 'redis://h:0', 'redis://h:70000', 'redis://h:1/x', 'Memory', '']) {
      expect(() => parseStoreFlag(bad, '/srv'), bad).toThrow(expect.objectContaining({ code: 'USAGE_ERROR' }));
    }
  });

  it('property: any value is one of the three forms or a USAGE_ERROR, never another failure', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `redis://${s}`), fc.string().map((s) => `sqlite:${s}`)), (value) => {
        try {
          const spec = parseStoreFlag(value, '/srv');
          expect(['sqlite', 'redis', 'memory']).toContain(spec.kind);
        } catch (error) {
          expect(error).toMatchObject({ code: 'USAGE_ERROR', detail: { flag: '--store' } });
        }
      }),
    );
  });
});
