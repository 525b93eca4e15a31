import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where each runtime's npm packages put the executable: the platform package, or the main package after its install script. */
const CANDIDATES = {
  bun: [`@oven/bun-${process.platform}-${process.arch}/bin/bun`, 'bun/bin/bun.exe'],
  deno: [`@deno/${process.platform === 'linux' ? `${process.arch === 'x64' ? 'linux-x64' : 'linux-arm64'}-glibc` : `${process.platform}-${process.arch}`}/deno`, 'deno/deno'],
} as const;

/**
 * The runtime's own executable from node_modules (never a Node launcher script: the tests kill what they
 * spawn, and killing a launcher would leave the runtime running). Throws naming the packages to install.
 */
export function runtimeBinary(runtime: keyof typeof CANDIDATES): string {
  for (const candidate of CANDIDATES[runtime]) {
    const [scopeOrName = '', maybeName = ''] = candidate.split('/');
    const pkg = candidate.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName;
    let root: string;
    try {
      root = dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      continue;
    }
    const file = join(root, candidate.slice(pkg.length + 1));
    // The main packages ship a small placeholder until their install script puts the binary in place.
    if (existsSync(file) && statSync(file).size > 1_000_000) return file;
  }
  throw new Error(`No ${runtime} executable in node_modules (looked for ${CANDIDATES[runtime].join(', ')}): run npm ci.`);
}
