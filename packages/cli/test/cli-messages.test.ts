// What the command says when something is off: a suggestion for a mistyped flag, where a body stops being
// JSON, errno codes in words, one line for a wrong --url, and a warning for keys written into a git work tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../src/input/json-error-position.js';
import { closestFlag } from '../src/parse-flags.js';
import { NOTIFY_PATH, run, tempDir } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
});
afterAll(() => tmp.remove());

describe('mistyped flags', () => {
  it('suggests the flag that was meant: --feild → --field', async () => {
    const result = await run(['send', '--keys', keys, '--url', 'http://127.0.0.1:9/x', '--feild', 'mchid=1']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr: "auditnotify send: USAGE_ERROR: Unknown option '--feild'. Did you mean --field?\n(see: auditnotify send --help)\n",
    });
  });

  it('suggests nothing for a flag far from every known one', () => {
    expect(closestFlag('--feild', ['field', 'body'])).toBe('--field');
    expect(closestFlag('--kyes', ['keys', 'url'])).toBe('--keys');
    expect(closestFlag('--banana', ['field', 'body', 'keys'])).toBeUndefined();
  });
});

describe('a body that is not JSON', () => {
  it('says where it breaks, by line and column', async () => {
    const body = join(tmp.dir, 'broken.json');
    writeFileSync(body, '{\n  "out_request_no": "R1",\n  "mchid": 1900016681,\n}\n');
    const result = await run(['send', '--keys', keys, '--url', 'http://127.0.0.1:9/x', '--body', body]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr: `auditnotify send: INPUT_UNREADABLE: --body ${body}: not JSON at line 4, column 1 (offset 51): expected a string\n`,
    });
  });

  it('finds a position exactly when JSON.parse refuses the text (property)', () => {
    const parses = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const texts = fc.oneof(
      fc.json(),
      fc.string(),
      fc.json().chain((json) => fc.tuple(fc.nat(json.length), fc.string({ maxLength: 3 })).map(([at, noise]) => json.slice(0, at) + noise + json.slice(at))),
      fc.json().chain((json) => fc.nat(json.length).map((at) => json.slice(0, at))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const at = jsonErrorPosition(text);
        expect(at === undefined).toBe(parses(text));
        if (at !== undefined) {
          expect(at.offset).toBeGreaterThanOrEqual(0);
          expect(at.offset).toBeLessThanOrEqual(text.length);
          // Everything before the offset is a prefix of some JSON text: the break is at or after it.
          expect(text.slice(0, at.offset).split('\n').length).toBe(at.line);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('system errors in words', () => {
  it('says what ENOENT means', async () => {
    const result = await run(['send', '--keys', keys, '--url', 'http://127.0.0.1:9/x', '--body', join(tmp.dir, 'missing.json')]);
    expect(result.stderr).toBe(`auditnotify send: INPUT_UNREADABLE: --body: cannot read ${join(tmp.dir, 'missing.json')}: no such file or directory (ENOENT)\n`);
  });
});

describe('send to a URL that is not the notify endpoint', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    // What Express answers for a route it does not have: an HTML page over several lines.
    server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST /wrong</pre>\n</body>\n</html>\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports it on one line that says the path is not the notify endpoint', async () => {
    const result = await run(['send', '--keys', keys, '--url', `${origin}/wrong`, '--field', 'out_request_no=R1', '--field', 'mchid=1900016681', '--field', 'audit_result=PASS']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(result.stderr).toContain('API_ERROR: The receiver answered HTTP 404: <!DOCTYPE html> <html lang="en"> <head>');
    expect(result.stderr).toContain(`(/wrong is not the notify endpoint ${NOTIFY_PATH}: check --url)\n`);
  });
});

describe('keygen inside a git work tree', () => {
  function gitInit(name: string, ignore?: string): string {
    const repo = join(tmp.dir, name);
    mkdirSync(repo);
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    if (ignore !== undefined) writeFileSync(join(repo, '.gitignore'), ignore);
    return repo;
  }

  it('warns when git does not ignore the keys', async () => {
    const repo = gitInit('plain');
    const result = await run(['keygen', '--out', './keys'], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`warning: ${join(repo, 'keys')} holds private keys inside the git work tree ${repo}, and git does NOT ignore it: add it to .gitignore before committing.\n`);
  });

  it('says it is ignored when .gitignore has keys/', async () => {
    const repo = gitInit('ignoring', 'keys/\n');
    const result = await run(['keygen', '--out', './keys'], { cwd: repo });
    expect(result.stderr).toBe(`warning: ${join(repo, 'keys')} holds private keys inside the git work tree ${repo}; git ignores it, keep it that way.\n`);
  });

  it('says nothing outside a work tree', async () => {
    const result = await run(['keygen', '--out', join(tmp.dir, 'elsewhere')], { cwd: tmp.dir });
    expect(result.stderr).toBe('');
  });
});
