/**
 * The build fails on a warning: the CommonJS main once shipped with esbuild's "import.meta is empty" warning
 * and could not start.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BuildWarningsError, esbuildStrict } from '../../scripts/strict-build.mjs';
import { tempDir } from './temp-dir.js';

const options: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['electron'] };

describe('strict build (scripts/strict-build.mjs)', () => {
  it('rejects a CommonJS bundle that reads import.meta, naming the warning', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'entry.mjs'), 'export const here = import.meta.url;\n');
    const failure = esbuildStrict({ ...options, entryPoints: [join(dir, 'entry.mjs')], outfile: join(dir, 'out.cjs') });
    await expect(failure).rejects.toBeInstanceOf(BuildWarningsError);
    await expect(failure).rejects.toThrow(/import\.meta/);
  });

  it('builds the real main process without a warning', async () => {
    const dir = tempDir();
    const result = await esbuildStrict({ ...options, entryPoints: [join(import.meta.dirname, '../../src/main/main.ts')], outfile: join(dir, 'main.cjs') });
    expect(result.warnings).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
