// packages/cli/README.md: its Usage block, extracted and run in order as a reader pastes it.
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fencedBlocks, type FencedBlock } from './helpers/fenced-blocks.js';
import { REPO_DIR, workDir, type Server } from './helpers/processes.js';
import { runShellBlock } from './helpers/run-shell-block.js';

const blocks = fencedBlocks(join(REPO_DIR, 'packages', 'cli', 'README.md'));
const work = workDir();
const started: Server[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  work.remove();
});

it('runs the Usage block in order: keygen, listen, send, kill, demo', async () => {
  const block = blocks.find((b) => b.lang === 'sh' && b.code.includes('auditnotify keygen') && b.code.includes('auditnotify listen'));
  expect(block).toBeDefined();
  const { steps, background } = await runShellBlock(block as FencedBlock, work.dir, started);
  expect(steps.map((step) => step.name)).toEqual(['keygen', 'listen &', 'send', 'kill', 'demo']);
  expect(JSON.parse(steps[2]?.result.stdout ?? '')).toMatchObject({ ok: true, status: 200, answer: { ret_msg: 'SUCC' } });
  expect(background?.lines.length).toBe(2); // "listening on …" and the accepted notification
});

it('creates, in its sign section, the files its verify and decode sections read', async () => {
  const commands = blocks.filter((b) => b.lang === 'sh').map((b) => b.code).join('\n');
  for (const file of ['notification.json', 'request.sh']) {
    expect(commands.indexOf(`> ${file}`), file).toBeGreaterThan(-1);
    expect(commands.indexOf(`> ${file}`)).toBeLessThan(commands.lastIndexOf(` ${file}`));
  }
});
