import { describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';

const COMMANDS = ['keygen', 'sign', 'send', 'listen', 'verify', 'decode', 'decrypt', 'demo', 'run', 'outbox'];

describe('auditnotify --help', () => {
  it('lists every command with exit 0', async () => {
    const result = await run(['--help']);
    expect(result.code, result.stderr).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command} `);
    expect(result.stdout).toContain('Exit codes: 0 success, 1 the check or the remote call failed, 2 bad usage');
  });

  it.each(COMMANDS)('prints usage, flags and an example for "%s --help"', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: auditnotify ${command}`));
    expect(result.stdout).toMatch(/Examples?:\n {2}(\S.*\n)*.*auditnotify /);
    expect(result.stdout).toContain('Exit codes');
  });

  it('prints the same text for "help sign" as for "sign --help"', async () => {
    const [a, b] = await Promise.all([run(['help', 'sign']), run(['sign', '--help'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints the version', async () => {
    const result = await run(['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('bad usage exits 2', () => {
  it('exits 2 without a command, printing the help to stderr', async () => {
    const result = await run([]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('Usage: auditnotify <command>');
  });

  it('exits 2 for an unknown command', async () => {
    const result = await run(['frobnicate']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('exits 2 with USAGE_ERROR for an unknown flag', async () => {
    const result = await run(['sign', '--no-such-flag']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('auditnotify sign: USAGE_ERROR:');
    expect(result.stderr).toContain('--no-such-flag');
  });

  it('exits 2 with USAGE_ERROR for a stray positional argument', async () => {
    const result = await run(['keygen', 'keys']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('USAGE_ERROR');
  });

  it('exits 2 with USAGE_ERROR when a required flag is missing', async () => {
    const result = await run(['keygen']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('USAGE_ERROR: missing --out');
  });
});
