// The Usage examples of the Express and Koa READMEs, extracted and run as pasted after keygen, answering the
// root README's send.ts on 127.0.0.1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks, namedBlock } from './helpers/fenced-blocks.js';
import { REPO_DIR, sh, startServer, workDir, type Server } from './helpers/processes.js';
import { typecheck } from './helpers/typecheck.js';

const work = workDir();
const started: Server[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  work.remove();
});

const EXAMPLES = [
  ['packages/express-plugin/README.md', 'existing-app-express.ts'],
  ['packages/koa-plugin/README.md', 'existing-app-koa.ts'],
] as const;

beforeAll(async () => {
  expect((await sh('npx auditnotify keygen --out ./keys', work.dir)).code).toBe(0);
  writeFileSync(join(work.dir, 'send.ts'), namedBlock(fencedBlocks(join(REPO_DIR, 'README.md')), 'send.ts').code);
  for (const [readme, file] of EXAMPLES) writeFileSync(join(work.dir, file), namedBlock(fencedBlocks(join(REPO_DIR, readme)), file).code);
});

describe.each(EXAMPLES)('%s', (_readme, file) => {
  it(`${file} typechecks (strict, skipLibCheck: false) and answers send.ts 200 {"ret_msg":"SUCC"}`, async () => {
    const errors = await typecheck(work.dir, [file]);
    expect(errors.filter((line) => !line.includes('node_modules/@types/koa/index.d.ts'))).toEqual([]);
    const server = await startServer(`npx tsx ${file}`, work.dir, { PORT: '0' });
    started.push(server);
    const sent = await sh('npx tsx send.ts', work.dir, { RECEIVER: server.url });
    expect({ code: sent.code, stdout: sent.stdout }).toEqual({ code: 0, stdout: '200 {"ret_msg":"SUCC"}\n' });
    // The example's handler logs requestId, out_request_no and audit_result.
    expect(await server.nextLine()).toMatch(/^[0-9a-f-]{36} R-0001 PASS$/);
    await server.stop();
  });
});

it('the Express README example reads only files keygen writes', () => {
  const code = readFileSync(join(work.dir, 'existing-app-express.ts'), 'utf8');
  expect([...code.matchAll(/'(keys\/[^']+)'/g)].map((m) => m[1])).toEqual(['keys/keys.json', 'keys/sender/apiclient_cert.pem', 'keys/receiver/wxp_key.pem']);
});
