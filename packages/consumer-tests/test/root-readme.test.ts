// The root README's examples, extracted from README.md and run as pasted, in order, after its keygen line:
// the Express, Koa and client examples against each other on 127.0.0.1, then the command-line round trip.
// The only rewrites are the ones a test must make: servers listen on port 0 (the example's PORT variable or
// `--port 0`), and the printed address replaces 127.0.0.1:8080 / the RECEIVER variable in what follows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks, namedBlock, shellCommands, type FencedBlock } from './helpers/fenced-blocks.js';
import { runShellBlock } from './helpers/run-shell-block.js';
import { REPO_DIR, sh, startServer, workDir, type Server } from './helpers/processes.js';
import { typecheck } from './helpers/typecheck.js';

const README = join(REPO_DIR, 'README.md');
const blocks = fencedBlocks(README);
const work = workDir();
const started: Server[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  work.remove();
});

function keygenBlock(): FencedBlock {
  const found = blocks.find((block) => block.lang === 'sh' && block.code.includes('auditnotify keygen'));
  if (found === undefined) throw new Error('README.md has no sh block with auditnotify keygen');
  return found;
}

function results(): unknown[] {
  return readFileSync(join(work.dir, 'audit-results.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

beforeAll(async () => {
  for (const command of shellCommands(keygenBlock())) {
    const result = await sh(command, work.dir);
    expect(result.code, `${command}\n${result.stderr}`).toBe(0);
  }
  for (const block of blocks.filter((b) => b.file !== undefined)) writeFileSync(join(work.dir, block.file as string), block.code);
});

describe('README.md: the TypeScript examples against each other', () => {
  it('typechecks every example with the packages as declared (strict, skipLibCheck: false)', async () => {
    const files = blocks.filter((b) => b.lang === 'ts' && b.file !== undefined).map((b) => b.file as string);
    expect(files).toEqual(['receive-express.ts', 'receive-koa.ts', 'send.ts']);
    const errors = await typecheck(work.dir, files);
    // @types/koa 3.0.3 does not compile against the content-disposition 2 that Express 5 installs (it ships
    // its own types without the `Options` @types/koa uses): a fault of those two packages, not of ours.
    expect(errors.filter((line) => !line.includes('node_modules/@types/koa/index.d.ts'))).toEqual([]);
  });

  for (const receiver of ['receive-express.ts', 'receive-koa.ts']) {
    it(`send.ts gets 200 {"ret_msg":"SUCC"} from ${receiver}, which stored the notification`, async () => {
      namedBlock(blocks, receiver);
      const server = await startServer(`npx tsx ${receiver}`, work.dir, { PORT: '0' });
      started.push(server);
      const sent = await sh('npx tsx send.ts', work.dir, { RECEIVER: server.url });
      expect({ code: sent.code, stdout: sent.stdout, stderr: sent.stderr }).toEqual({ code: 0, stdout: '200 {"ret_msg":"SUCC"}\n', stderr: '' });
      expect(results().at(-1)).toEqual({ out_request_no: 'R-0001', mchid: '1900016681', audit_result: 'PASS' });
      await server.stop();
    });
  }

  it('require()s the packages from CommonJS as the README shows', async () => {
    const block = blocks.find((b) => b.lang === 'js' && b.code.startsWith('// receive.cjs'));
    expect(block).toBeDefined();
    writeFileSync(join(work.dir, 'receive.cjs'), block?.code ?? '');
    const result = await sh('node receive.cjs', work.dir);
    expect({ code: result.code, stdout: result.stdout }).toEqual({
      code: 0,
      stdout: 'function /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify\n',
    });
  });
});

describe('README.md: the command-line examples, in order', () => {
  it('runs every command of the Command line block, each exiting 0', async () => {
    const block = blocks.find((b) => b.lang === 'sh' && b.code.includes('auditnotify listen'));
    expect(block).toBeDefined();
    const { steps, background } = await runShellBlock(block as FencedBlock, work.dir, started);
    expect(steps.map((step) => step.name)).toEqual(['listen &', 'echo', 'send', 'sign', 'sign', 'verify', 'decode', 'sh', 'kill', 'demo']);
    const out = (name: string, index = 0): string => steps.filter((step) => step.name === name)[index]?.result.stdout ?? '';
    expect(JSON.parse(out('send'))).toMatchObject({ ok: true, status: 200, answer: { ret_msg: 'SUCC' } });
    expect(out('sign')).toContain('Authorization:');
    expect(out('sign', 1)).toBe('');
    expect(JSON.parse(out('verify'))).toMatchObject({ verdict: 'accepted', status: 200 });
    expect(out('decode')).toContain('✓ signature: valid');
    expect(out('sh')).toBe('{"ret_msg":"SUCC"}');
    expect(out('demo')).toContain('{"ret_msg":"SUCC"}');
    // The receiver printed one JSON line per notification handed to its handler: the send. The curl request
    // carries the same notification, so the receiver's inbox (SQLite by default) answers it SUCC without
    // handing it over again.
    const accepted = (background?.lines ?? []).slice(1).map((l) => JSON.parse(l) as { notification: { out_request_no: string } });
    expect(accepted.map((event) => event.notification.out_request_no)).toEqual(['R1']);
  });
});
