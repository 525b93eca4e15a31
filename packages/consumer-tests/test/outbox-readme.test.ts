// packages/outbox/README.md: its examples extracted and run as pasted — keygen and a background listen, the
// SQLite example twice (queued then exists), the shell block of `auditnotify outbox`, and the Redis example on
// a real redis-server; both TypeScript files type-check as a strict consumer project would.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@auditnotify/conformance';
import { fencedBlocks, namedBlock, shellCommands, type FencedBlock } from './helpers/fenced-blocks.js';
import { REPO_DIR, sh, workDir, type Server } from './helpers/processes.js';
import { runShellBlock } from './helpers/run-shell-block.js';
import { typecheck } from './helpers/typecheck.js';

const blocks = fencedBlocks(join(REPO_DIR, 'packages', 'outbox', 'README.md'));
const work = workDir();
const started: Server[] = [];
let redis: RedisServer;
let origin = '';

beforeAll(async () => {
  redis = await startRedisServer();
  for (const file of ['outbox-sqlite.ts', 'outbox-redis.ts']) writeFileSync(join(work.dir, file), namedBlock(blocks, file).code);
});
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  await redis.stop();
  work.remove();
});

const usage = (): FencedBlock => blocks.find((b) => b.lang === 'sh' && b.code.includes('outbox-sqlite.ts')) as FencedBlock;

it('runs the Usage block: keygen, listen in the background, the SQLite example (queued, then exists on a second run)', async () => {
  const { steps, background } = await runShellBlock(usage(), work.dir, started);
  origin = background?.url ?? '';
  expect(steps.map((step) => step.name.split('=')[0])).toEqual(['keygen', 'listen &', 'RECEIVER']);
  expect(steps[2]?.result.stdout).toBe('queued\ndelivered R-0001 200\n{"queued":0,"delivering":0,"delivered":1,"dead":0}\n');
  expect(await background?.nextLine()).toContain('R-0001');
  const again = await sh(shellCommands(usage()).at(-1)!.replace('http://127.0.0.1:8080', origin), work.dir);
  expect(again.stdout, again.stderr).toBe('exists\n{"queued":0,"delivering":0,"delivered":1,"dead":0}\n');
});

it('runs the shell block of auditnotify outbox against the same receiver', async () => {
  const block = blocks.find((b) => b.lang === 'sh' && b.code.includes('outbox add')) as FencedBlock;
  const outputs: string[] = [];
  for (const command of shellCommands(block)) {
    const result = await sh(command.replaceAll('http://127.0.0.1:8080', origin), work.dir);
    expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    outputs.push(result.stdout);
  }
  expect(outputs[0]).toBe('1900016681~R-0003 R-0003 queued\n');
  expect(JSON.parse(outputs[1]!.trim().split('\n').at(-1)!)).toMatchObject({ event: 'summary', delivered: 1, dead: 0 });
  expect(outputs[2]).toMatch(/state {11}delivered\n/);
});

it('runs the Redis example on a real redis-server', async () => {
  const result = await sh('npx tsx outbox-redis.ts', work.dir, { REDIS_URL: `${redis.url}/0`, RECEIVER: `${origin}/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify` });
  expect(result.stdout, result.stderr).toBe('delivered 200 verified\n');
});

it('type-checks both examples (strict, skipLibCheck: false)', async () => {
  expect(await typecheck(work.dir, ['outbox-sqlite.ts', 'outbox-redis.ts'])).toEqual([]);
});
