/**
 * Atomic JSON persistence: write a temporary file next to the target, then rename it over the target, so a
 * crash mid-write never leaves a truncated keys or history file behind (rename is atomic on one file system).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` atomically (temp file + rename). `mode` 0o600 keeps key files private to the user.
 *
 * @example
 * ```ts
 * writeFileAtomic('/data/history.json', JSON.stringify(entries), 0o600);
 * ```
 */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  // The data directory holds private keys: only the user may list or enter it.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { mode });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Reads and parses a JSON file; `undefined` when it does not exist.
 *
 * @example
 * ```ts
 * const saved = readJsonFile<{ keys: unknown[] }>('/data/keys.json') ?? { keys: [] };
 * ```
 */
export function readJsonFile<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}
