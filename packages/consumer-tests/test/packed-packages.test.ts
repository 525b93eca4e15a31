// The published packages as the registry would serve them: `npm pack` of each, then what a user of the
// tarball gets — the licence, working links, source maps whose sources are shipped, CommonJS require(), and
// TypeScript declarations that compile with skipLibCheck: false.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_DIR, sh, workDir } from './helpers/processes.js';
import { typecheck } from './helpers/typecheck.js';

const PACKAGES = { '@auditnotify/core': 'core', '@auditnotify/express': 'express-plugin', '@auditnotify/koa': 'koa-plugin', '@auditnotify/cli': 'cli', '@auditnotify/outbox': 'outbox' } as const;
type Name = keyof typeof PACKAGES;

const work = workDir();
const packed = new Map<Name, { files: Set<string>; dir: string }>();
afterAll(() => work.remove());

beforeAll(() => {
  for (const [name, folder] of Object.entries(PACKAGES) as [Name, string][]) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work.dir], { cwd: join(REPO_DIR, 'packages', folder), encoding: 'utf8' });
    const [info] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const dir = join(work.dir, 'installed', name);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(work.dir, info?.filename ?? ''), '-C', dir, '--strip-components=1']);
    packed.set(name, { files: new Set(info?.files.map((file) => file.path)), dir });
  }
});

const names = Object.keys(PACKAGES) as Name[];

describe.each(names)('npm pack %s', (name) => {
  it('ships LICENSE (MIT), README.md and package.json', () => {
    const { files, dir } = packed.get(name)!;
    expect([...files].filter((file) => ['LICENSE', 'README.md', 'package.json'].includes(file)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('links only to files inside the tarball or to absolute URLs from its README', () => {
    const { files, dir } = packed.get(name)!;
    const readme = readFileSync(join(dir, 'README.md'), 'utf8').replace(/```[\s\S]*?```/g, '');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => (match[1] as string).split('#')[0] as string);
    const relative = targets.filter((target) => target !== '' && !/^[a-z]+:/.test(target));
    expect(relative.filter((target) => !files.has(posix.normalize(target)))).toEqual([]);
  });

  it('ships the sources its source maps point at', () => {
    const { files, dir } = packed.get(name)!;
    const missing: string[] = [];
    for (const map of [...files].filter((file) => file.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const shipped = posix.normalize(posix.join(posix.dirname(map), source));
        if (!files.has(shipped)) missing.push(`${map} → ${shipped}`);
      }
    }
    expect(files.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });

  it('declares Node.js >= 20.19, a repository, and ESM', () => {
    const pkg = JSON.parse(readFileSync(join(packed.get(name)!.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ type: 'module', license: 'MIT', engines: { node: '>=20.19' }, repository: { type: 'git' } });
  });
});

describe('a consumer of the tarballs', () => {
  // The tarballs' contents under node_modules of a fresh project; their dependencies resolve from the
  // repository's node_modules, linked in by workDir.
  let project: string;
  beforeAll(async () => {
    project = join(work.dir, 'project');
    mkdirSync(join(project, 'node_modules', '@auditnotify'), { recursive: true });
    for (const name of names) {
      const target = join(project, 'node_modules', name);
      execFileSync('cp', ['-r', packed.get(name)!.dir, dirname(target)]);
    }
    expect((await sh(`printf '{"private":true}' > package.json`, project)).code).toBe(0);
  });

  it('require()s every entry point from CommonJS', async () => {
    const script = "for (const id of ['@auditnotify/core', '@auditnotify/core/testing', '@auditnotify/core/node', '@auditnotify/express', '@auditnotify/koa', '@auditnotify/cli', '@auditnotify/outbox']) console.log(id, Object.keys(require(id)).length > 0);";
    const result = await sh(`node -e ${JSON.stringify(script)}`, project, { NODE_PATH: join(REPO_DIR, 'node_modules') });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n').every((line) => line.endsWith(' true'))).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('compiles against the declarations with skipLibCheck: false (with @types/express and @types/koa installed)', async () => {
    const source = [
      "import { createClient, type NotifyHandler } from '@auditnotify/core';",
      "import { createTestRequest } from '@auditnotify/core/testing';",
      "import { readRawBody } from '@auditnotify/core/node';",
      "import { createExpressMiddleware } from '@auditnotify/express';",
      "import { createKoaMiddleware } from '@auditnotify/koa';",
      "import { createOutbox, openSqliteOutboxStore, type OutboxEntry } from '@auditnotify/outbox';",
      'const handler: NotifyHandler = ({ answer }) => answer(\'SUCC\');',
      'export const used = [createClient, createTestRequest, readRawBody, createExpressMiddleware, createKoaMiddleware, handler, createOutbox, openSqliteOutboxStore];',
      'export type Entry = OutboxEntry;',
      '',
    ].join('\n');
    execFileSync('bash', ['-c', `cat > consumer.ts <<'EOF'\n${source}EOF`], { cwd: project });
    execFileSync('bash', ['-c', `ln -s ${join(REPO_DIR, 'node_modules', '@types')} node_modules/@types`], { cwd: project });
    const errors = await typecheck(project, ['consumer.ts']);
    // @types/koa 3.0.3 itself fails against the content-disposition 2 that Express 5 brings (see root-readme.test.ts).
    expect(errors.filter((line) => !line.includes('node_modules/@types/koa/index.d.ts'))).toEqual([]);
  });
});
