// The fenced code blocks of a Markdown file, in order: the tests run what the READMEs show, not a copy.
import { readFileSync } from 'node:fs';

/** One fenced block: its language, the rest of its info string (`file=NAME`), its text and first line. */
export interface FencedBlock {
  lang: string;
  file: string | undefined;
  code: string;
  line: number;
}

/** Every ``` fenced block of `path`, in order. */
export function fencedBlocks(path: string): FencedBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`${path}:${start + 1}: the fenced block never closes`);
    const file = /\bfile=(\S+)/.exec(open[2] ?? '')?.[1];
    blocks.push({ lang: open[1] ?? '', file, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

/** The one block named `file=NAME`; throws when there is none, so a renamed example fails loudly. */
export function namedBlock(blocks: FencedBlock[], name: string): FencedBlock {
  const found = blocks.filter((block) => block.file === name);
  if (found.length !== 1) throw new Error(`expected one block file=${name}, found ${found.length}`);
  return found[0] as FencedBlock;
}

/**
 * The commands of a `sh` block: `\`-continued lines joined, blank lines dropped. Comments stay (the shell
 * ignores them).
 */
export function shellCommands(block: FencedBlock): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of block.code.split('\n')) {
    if (line.trim() === '' && pending === '') continue;
    if (/\\$/.test(line)) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    commands.push(`${pending}${line}`.trim());
    pending = '';
  }
  return commands.filter((command) => command !== '');
}
