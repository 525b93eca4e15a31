// `auditnotify outbox add|run|status|retry` as users run it: the built binary as child processes, on a real
// SQLite file and a real redis-server, delivering to a real Express receiver with an inbox; `outbox run`
// killed with SIGKILL in the middle of a delivery and started again.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { BIN, run, tempDir } from './helpers/cli.js';
import { startOutboxReceiver, type OutboxReceiver } from './helpers/outbox-receiver.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
const MCHID = '1900016681';
let receiver: OutboxReceiver | undefined;
let storeNumber = 0;
const running: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
});
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  await receiver?.close();
  receiver = undefined;
});
afterAll(() => tmp.remove());

const sqliteStore = (): string => `sqlite:${join(tmp.dir, `outbox-${++storeNumber}.db`)}`;
const ndjson = (prefix: string, n: number): string =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ out_request_no: `${prefix}-${String(i).padStart(3, '0')}`, mchid: MCHID, audit_result: 'PASS' })).join('\n');
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

function writeNdjson(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, `${text}\n`);
  return path;
}

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  /** Resolves once a stdout line matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | string>;
  stderr(): string;
}

/** Starts `auditnotify outbox run …` and follows its JSON lines. */
function startRun(args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, 'outbox', 'run', ...args]);
  running.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor: (match) => {
      const seen = lines.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const delivered = (cli: RunningCli): string[] => cli.lines.filter((l) => l.event === 'delivered').map((l) => l.out_request_no as string);

describe('auditnotify outbox add', () => {
  it('queues from --field, --body and --ndjson, one line per entry, and says exists the second time', async () => {
    const store = sqliteStore();
    const field = await run(['outbox', 'add', '--store', store, '--field', 'out_request_no=F-1', '--field', `mchid=${MCHID}`, '--field', 'audit_result=PASS']);
    expect(field, field.stderr).toMatchObject({ code: 0, stdout: `${MCHID}~F-1 F-1 queued\n` });
    const body = writeNdjson('body.json', JSON.stringify({ out_request_no: 'B-1', mchid: MCHID, audit_result: 'REJECT', fail_code: '1001', fail_msg: 'IDCARD_ILLEGAL' }));
    expect((await run(['outbox', 'add', '--store', store, '--body', body])).stdout).toBe(`${MCHID}~B-1 B-1 queued\n`);
    const file = writeNdjson('three.ndjson', `${ndjson('N', 2)}\n\n${JSON.stringify({ out_request_no: 'F-1', mchid: MCHID, audit_result: 'PASS' })}`);
    const batch = await run(['outbox', 'add', '--store', store, '--ndjson', file]);
    expect(batch, batch.stderr).toMatchObject({ code: 0, stdout: `${MCHID}~N-000 N-000 queued\n${MCHID}~N-001 N-001 queued\n${MCHID}~F-1 F-1 exists\n` });
    const stdin = await run(['outbox', 'add', '--store', store, '--ndjson', '-'], { input: ndjson('N', 1) });
    expect(stdin.stdout).toBe(`${MCHID}~N-000 N-000 exists\n`);
    const status = await run(['outbox', 'status', '--store', store, '--json']);
    expect(JSON.parse(status.stdout)).toEqual({ queued: 4, delivering: 0, delivered: 0, dead: 0 });
  });

  it('refuses a batch with one invalid notification before queueing any of it (VALIDATION_FAILED names the line)', async () => {
    const store = sqliteStore();
    const file = writeNdjson('bad.ndjson', `${ndjson('V', 2)}\n${JSON.stringify({ out_request_no: 'V-9', mchid: MCHID, audit_result: 'MAYBE' })}`);
    const result = await run(['outbox', 'add', '--store', store, '--ndjson', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^auditnotify outbox: VALIDATION_FAILED: --ndjson \S+bad\.ndjson line 3: .*audit_result/);
    expect(JSON.parse((await run(['outbox', 'status', '--store', store, '--json'])).stdout)).toMatchObject({ queued: 0 });

    const notJson = await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('broken.ndjson', `${ndjson('V', 1)}\n{"out_request_no": `)]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/INPUT_UNREADABLE: --ndjson \S+ line 2: not JSON/);
  });

  it('refuses other fields under a queued out_request_no (OUTBOX_CONFLICT) unless --replace', async () => {
    const store = sqliteStore();
    const fields = (result: string): string[] => ['--field', 'out_request_no=C-1', '--field', `mchid=${MCHID}`, '--field', `audit_result=${result}`];
    expect((await run(['outbox', 'add', '--store', store, ...fields('PASS')])).code).toBe(0);
    const conflict = await run(['outbox', 'add', '--store', store, ...fields('REJECT'), '--field', 'fail_code=1001']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('auditnotify outbox: OUTBOX_CONFLICT: --field: out_request_no C-1 is already in the outbox with different fields; give --replace');
    const replaced = await run(['outbox', 'add', '--store', store, ...fields('REJECT'), '--field', 'fail_code=1001', '--replace']);
    expect(replaced.stdout).toBe(`${MCHID}~C-1 C-1 replaced\n`);
    const entry = JSON.parse((await run(['outbox', 'status', '--store', store, '--json', 'C-1'])).stdout) as { notification: { audit_result: string } };
    expect(entry.notification.audit_result).toBe('REJECT');
  });

  it.each([
    [['--field', 'a=b'], 'USAGE_ERROR: missing --store'],
    [['--store', 'memory', '--field', 'a=b'], 'USAGE_ERROR: --store memory cannot hold an outbox'],
    [['--store', 'postgres://db/outbox', '--field', 'a=b'], 'USAGE_ERROR: --store must be sqlite:PATH, redis://HOST:PORT[/DB]'],
    [['--store', 'redis://127.0.0.1', '--field', 'a=b'], 'USAGE_ERROR: --store redis:// must be redis://HOST:PORT'],
    [['--store', 'sqlite:x.db'], 'USAGE_ERROR: give exactly one of --field'],
    [['--store', 'sqlite:x.db', '--field', 'a=b', '--ndjson', 'x.ndjson'], 'USAGE_ERROR: give exactly one of --field'],
    [['--store', 'sqlite:x.db', '--ndjson', 'no-such.ndjson'], 'INPUT_UNREADABLE: --ndjson: cannot read no-such.ndjson'],
  ])('exits 2 for %j', async (args, message) => {
    const result = await run(['outbox', 'add', ...args], { cwd: tmp.dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`auditnotify outbox: ${message}`);
  });

  it('exits 2 with OUTBOX_STORE_UNAVAILABLE when Redis does not answer, and names the subcommands when none is given', async () => {
    const unreachable = await run(['outbox', 'status', '--store', 'redis://127.0.0.1:1/0']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('auditnotify outbox: OUTBOX_STORE_UNAVAILABLE: The store redis://127.0.0.1:1/0 did not answer');
    const none = await run(['outbox']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('USAGE_ERROR: missing subcommand: give add, run, status or retry after "outbox"');
    const unknown = await run(['outbox', 'send']);
    expect(unknown.stderr).toContain('USAGE_ERROR: unknown subcommand "send": give add, run, status or retry');
  });
});

describe('auditnotify outbox run on SQLite', () => {
  it('delivers everything once, one JSON line per delivery, and shows each entry with its attempts', async () => {
    receiver = await startOutboxReceiver(keys);
    const store = sqliteStore();
    expect((await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('ok.ndjson', ndjson('OK', 8))])).code).toBe(0);
    const cli = startRun(['--store', store, '--keys', keys, '--url', receiver.url, '--rate', '1200/min', '--until-empty']);
    expect(await cli.exited, cli.stderr()).toBe(0);
    expect(delivered(cli).sort()).toEqual(ids('OK', 8));
    expect(cli.lines[0]).toMatchObject({ event: 'delivered', host: receiver.url, status: 200, verified: true, attempts: 1 });
    expect(cli.lines.at(-1)).toMatchObject({ event: 'summary', delivered: 8, dead: 0, counts: { queued: 0, delivering: 0, delivered: 8, dead: 0 } });
    expect([...receiver.handled].sort()).toEqual(ids('OK', 8));
    expect(receiver.arrivals).toHaveLength(8);

    const text = await run(['outbox', 'status', '--store', store, 'OK-003']);
    expect(text.stdout).toMatch(/^id {14}1900016681~OK-003\nout_request_no {2}OK-003\n/);
    expect(text.stdout).toMatch(/state {11}delivered\n/);
    expect(text.stdout).toMatch(/\n {2}1\. {2}\S+Z {2}200 {2}ok {2}answer verified {2}\d+ ms {2}http:\/\/127\.0\.0\.1:\d+\/v3\//);
    const counts = await run(['outbox', 'status', '--store', store]);
    expect(counts.stdout).toBe('queued      0\ndelivering  0\ndelivered   8\ndead        0\n');
    const missing = await run(['outbox', 'status', '--store', store, 'NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('OUTBOX_NOT_FOUND: No entry with out_request_no NOPE');
  });

  it('killed with SIGKILL in the middle of a delivery and started again: everything is delivered, each handled once', async () => {
    receiver = await startOutboxReceiver(keys);
    const store = sqliteStore();
    expect((await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('restart.ndjson', ndjson('RS', 30))])).code).toBe(0);
    const held = receiver.hold('RS-012');
    const args = ['--store', store, '--keys', keys, '--url', receiver.url, '--rate', '1200/min', '--lease-ms', '1500', '--until-empty'];
    const first = startRun(args);
    await held.arrived;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    held.release();
    const atCrash = JSON.parse((await run(['outbox', 'status', '--store', store, '--json'])).stdout) as { delivering: number; delivered: number };
    expect(atCrash.delivering).toBeGreaterThan(0);
    expect(atCrash.delivered).toBeLessThan(30);

    const second = startRun(args);
    expect(await second.exited, second.stderr()).toBe(0);
    expect(second.lines.at(-1)).toMatchObject({ event: 'summary', dead: 0, counts: { queued: 0, delivering: 0, delivered: 30, dead: 0 } });
    expect(delivered(second)).toContain('RS-012');
    expect([...new Set([...delivered(first), ...delivered(second)])].sort()).toEqual(ids('RS', 30));
    // On the wire RS-012 came twice (the first copy's sender died before the answer); the handler ran once.
    expect(receiver.arrivals.filter((n) => n === 'RS-012')).toHaveLength(2);
    expect([...receiver.handled].sort()).toEqual(ids('RS', 30));
  });

  it('dead-letters a 400 PARAM_ERROR after one attempt and exits 1; retry queues it again and the next run delivers it', async () => {
    receiver = await startOutboxReceiver(keys);
    receiver.refuseWithParamError(true);
    const store = sqliteStore();
    await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('param.ndjson', ndjson('P', 1))]);
    const cli = startRun(['--store', store, '--keys', keys, '--url', receiver.url, '--until-empty']);
    expect(await cli.exited).toBe(1);
    expect(cli.lines[0]).toMatchObject({ event: 'dead', out_request_no: 'P-000', status: 400, errorCode: 'PARAM_ERROR', verified: false, attempts: 1 });
    expect(cli.stderr()).toContain('1 dead-lettered in the store');
    expect(receiver.arrivals).toEqual(['P-000']);
    const entry = JSON.parse((await run(['outbox', 'status', '--store', store, '--json', 'P-000'])).stdout) as { state: string; attempts: unknown[]; lastError: unknown };
    expect(entry).toMatchObject({ state: 'dead', lastError: { status: 400, errorCode: 'PARAM_ERROR' } });
    expect(entry.attempts).toHaveLength(1);

    receiver.refuseWithParamError(false);
    expect((await run(['outbox', 'retry', '--store', store, 'P-000'])).stdout).toBe(`${MCHID}~P-000 P-000 queued\n`);
    const notDead = await run(['outbox', 'retry', '--store', store, 'P-000']);
    expect(notDead.code).toBe(1);
    expect(notDead.stderr).toContain('OUTBOX_NOT_DEAD');
    const again = startRun(['--store', store, '--keys', keys, '--url', receiver.url, '--until-empty']);
    expect(await again.exited).toBe(0);
    expect(receiver.handled).toEqual(['P-000']);
  });

  it('draws a progress bar with counts and an ETA on a terminal', async () => {
    receiver = await startOutboxReceiver(keys);
    const store = sqliteStore();
    await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('tty.ndjson', ndjson('T', 6))]);
    // util-linux script(1) gives the command a pseudo-terminal as stdout.
    const command = [process.execPath, BIN, 'outbox', 'run', '--store', store, '--keys', keys, '--url', receiver.url, '--rate', '600/min', '--until-empty']
      .map((part) => `'${part}'`)
      .join(' ');
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('script', ['-qefc', command, '/dev/null']);
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/\r\[#+-*\] \d\/6 delivered \d, dead 0, retrying 0, ETA (\d+s|\?)/);
    expect(result.out).toContain('[##############################] 6/6 delivered 6, dead 0, retrying 0');
    expect(result.out).toContain('delivered 6, dead 0, retries 0; the store: 6 delivered, 0 dead, 0 pending');
    expect(result.out).not.toContain('"event"');
  });

  it.each([
    [['--rate', '200'], 'USAGE_ERROR: --rate must be N/min or N/s'],
    [['--rate', '0/min'], 'USAGE_ERROR: --rate must be N/min or N/s'],
    [['--lease-ms', '10'], 'USAGE_ERROR: --lease-ms must be a whole number from 1000'],
    [['--url', '/v3/x'], 'USAGE_ERROR: --url must be a full http(s) URL'],
    [['--concurrency', 'many'], 'USAGE_ERROR: --concurrency must be a whole number'],
  ])('exits 2 for %j', async (args, message) => {
    const result = await run(['outbox', 'run', '--store', sqliteStore(), '--keys', keys, ...args]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`auditnotify outbox: ${message}`);
  });
});

describe('auditnotify outbox run on Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.stop());

  it('two run processes on one redis-server deliver every entry once between them', async () => {
    receiver = await startOutboxReceiver(keys);
    const store = `${redis.url}/3`;
    const added = await run(['outbox', 'add', '--store', store, '--ndjson', writeNdjson('redis.ndjson', ndjson('RD', 40))]);
    expect(added.stdout.trim().split('\n')).toHaveLength(40);
    const args = ['--store', store, '--keys', keys, '--url', receiver.url, '--rate', '20/s', '--concurrency', '2', '--until-empty'];
    const [a, b] = [startRun(args), startRun(args)];
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    expect([...delivered(a), ...delivered(b)].sort()).toEqual(ids('RD', 40));
    expect(receiver.arrivals).toHaveLength(40);
    expect([...receiver.handled].sort()).toEqual(ids('RD', 40));
    expect(JSON.parse((await run(['outbox', 'status', '--store', store, '--json'])).stdout)).toEqual({ queued: 0, delivering: 0, delivered: 40, dead: 0 });
    const entry = JSON.parse((await run(['outbox', 'status', '--store', store, '--json', 'RD-007'])).stdout) as { state: string; attempts: { status: number }[] };
    expect(entry.state).toBe('delivered');
    expect(entry.attempts.map((attempt) => attempt.status)).toEqual([200]);
  });
});
