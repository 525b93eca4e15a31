// The subprocess helpers themselves: a child that exits without reading its stdin must not turn the
// unread input into an uncaught EPIPE (which fails the whole run, whichever test was running).
import { describe, expect, it } from 'vitest';
import { run, runTool } from './helpers/cli.js';

// Far more than a pipe buffer holds (64 KiB on Linux), so the write is still pending when the child exits.
const UNREAD = new Uint8Array(8 * 1024 * 1024);

describe('test helpers', () => {
  it('runTool reports the exit of a program that never reads its input', async () => {
    const result = await runTool(process.execPath, ['-e', 'process.stdout.write("done")'], UNREAD);
    expect(result.stdout.toString('utf8')).toBe('done');
  });

  it('runTool still rejects on a non-zero exit when the input was not read', async () => {
    await expect(runTool(process.execPath, ['-e', 'process.exit(3)'], UNREAD)).rejects.toThrow(/exited 3/);
  });

  it('run reports the exit code of a command that ignores its stdin', async () => {
    const result = await run(['--version'], { input: UNREAD });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
