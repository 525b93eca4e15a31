/**
 * Whether a folder lies inside a git work tree, and whether git ignores it there: private keys written into a
 * repository must not end up committed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root of the git work tree holding `dir` (found by its `.git` folder or file), or `undefined`.
 *
 * @example
 * ```ts
 * gitWorkTreeOf('/home/me/project/keys'); // '/home/me/project'
 * ```
 */
export function gitWorkTreeOf(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * `true` when git ignores `path` in `root`, `false` when it does not, `undefined` when git cannot say (not
 * installed).
 *
 * @example
 * ```ts
 * isIgnoredByGit('/home/me/project', '/home/me/project/keys'); // true when keys/ is in .gitignore
 * ```
 */
export function isIgnoredByGit(root: string, path: string): boolean | undefined {
  const result = spawnSync('git', ['check-ignore', '-q', path], { cwd: root, stdio: 'ignore' });
  if (result.error !== undefined || (result.status !== 0 && result.status !== 1)) return undefined;
  return result.status === 0;
}
