// tsc over a consumer's files as a strict TypeScript project would check them, library declarations included.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from './processes.js';

/** Type-checks `files` in `dir` (strict, NodeNext, skipLibCheck: false) and returns tsc's error lines. */
export async function typecheck(dir: string, files: string[]): Promise<string[]> {
  const compilerOptions = { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: false, types: ['node'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  const result = await sh('npx tsc -p tsconfig.json', dir);
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
}
