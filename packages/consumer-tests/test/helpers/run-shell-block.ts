// Runs a README's sh block as a reader pasting it line by line would, with the two rewrites a test needs: a
// background `listen … --port 8080 &` listens on port 0 instead (its printed address then replaces
// http://127.0.0.1:8080 in the lines after it), and `kill %1` stops that background process.
import { expect } from 'vitest';
import { shellCommands, type FencedBlock } from './fenced-blocks.js';
import { sh, startServer, type Finished, type Server } from './processes.js';

/** One command that ran: its first word after `npx auditnotify` (or the program), and what it printed. */
export interface Step {
  name: string;
  result: Finished;
}

/**
 * Runs every command of `block` in `cwd`, expecting exit 0 from each; returns the steps and the background
 * server (for its output lines). `started` collects servers so the caller can stop them if a step fails.
 */
export async function runShellBlock(block: FencedBlock, cwd: string, started: Server[]): Promise<{ steps: Step[]; background: Server | undefined }> {
  const steps: Step[] = [];
  let background: Server | undefined;
  let origin = 'http://127.0.0.1:8080';
  for (const command of shellCommands(block)) {
    const line = (command.split(' #', 1)[0] as string).trim().replaceAll('http://127.0.0.1:8080', origin);
    if (line.endsWith('&')) {
      background = await startServer(line.slice(0, -1).trim().replace('--port 8080', '--port 0'), cwd);
      started.push(background);
      origin = background.url;
      steps.push({ name: 'listen &', result: { code: 0, stdout: '', stderr: '' } });
      continue;
    }
    if (line === 'kill %1') {
      await background?.stop();
      steps.push({ name: 'kill', result: { code: 0, stdout: '', stderr: '' } });
      continue;
    }
    const result = await sh(line, cwd);
    expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    steps.push({ name: /auditnotify (\w+)/.exec(line)?.[1] ?? line.split(' ')[0] ?? '', result });
  }
  return { steps, background };
}
