/**
 * Reads an input file, or stdin for `-`. A file that cannot be read is `INPUT_UNREADABLE` (exit code 2);
 * the message names the flag and the OS error code, never the file's content.
 */
import { CliError } from '../cli-error.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { errnoWords } from '../output/errno-words.js';

/**
 * Reads `path` (relative to the working directory) or stdin when `path` is `-`.
 *
 * @example
 * ```ts
 * const body = await readInput('-', io, '--body'); // the bytes piped in
 * ```
 */
export async function readInput(path: string, io: CliIo, flag: string): Promise<Uint8Array> {
  if (path === '-') {
    try {
      return await io.readStdin();
    } catch (error) {
      throw new CliError('INPUT_UNREADABLE', `${flag}: cannot read stdin`, { cause: error, detail: { flag } });
    }
  }
  try {
    return new Uint8Array(await readFile(resolve(io.cwd, path)));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError('INPUT_UNREADABLE', `${flag}: cannot read ${path}: ${errnoWords(code)}`, {
      cause: error,
      detail: { flag, path, issue: code },
    });
  }
}
