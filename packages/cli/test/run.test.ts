// `auditnotify run DIR`: every saved request sent with a fresh signature to a real `auditnotify listen`,
// one line per request, "N passed, N failed", exit 0 only when all passed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRequest, type SavedRequest } from '../src/collection/index.js';
import { NOTIFY_PATH, run, startListen, tempDir } from './helpers/cli.js';
import type { Listener } from './helpers/cli.js';

const tmp = tempDir();
const keys = join(tmp.dir, 'keys');
let listener: Listener;

beforeAll(async () => {
  expect((await run(['keygen', '--out', keys])).code).toBe(0);
  listener = await startListen(['--keys', keys]);
});
afterAll(async () => {
  await listener?.stop();
  tmp.remove();
});

const notification = { out_request_no: 'R-run-1', mchid: '1900016681', audit_result: 'PASS', audit_finish_time: '2015-05-20T13:29:35+08:00' };
const passing: SavedRequest[] = [
  { name: 'Accepted PASS', body: { notification }, expect: { status: 200, answerVerified: true } },
  { name: 'Not JSON', body: { raw: '{"out_request_no": R-run-2}' }, expect: { status: 400, code: 'INVALID_REQUEST', reason: 'INVALID_JSON', answerVerified: true } },
  // Refused before the signature check passed: answered unsigned, as WeChat Pay answers them.
  { name: 'Millisecond timestamp', body: { notification }, timestampUnit: 'milliseconds', expect: { status: 401, code: 'SIGN_ERROR', answerVerified: false } },
  { name: 'PUT instead of POST', body: { notification }, method: 'PUT', expect: { status: 405, answerVerified: false } },
];

function collection(name: string, requests: SavedRequest[]): string {
  const dir = join(tmp.dir, name);
  for (const request of requests) saveRequest(dir, request);
  return dir;
}

describe('auditnotify run', () => {
  it('sends every request with a fresh signature, passes them all, twice (no stale or replayed signature)', async () => {
    const dir = collection('passing', passing);
    for (let round = 0; round < 2; round += 1) {
      const result = await run(['run', dir, '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(passing.length + 1);
      expect(lines.slice(0, -1).every((line) => line.startsWith('PASS  '))).toBe(true);
      expect(result.stdout).toContain('PASS  accepted-pass.request.json  Accepted PASS: 200, answer verified');
      expect(lines.at(-1)).toBe(`${passing.length} passed, 0 failed`);
    }
  });

  it('fails (exit 1) when one expectation does not hold, and says which', async () => {
    const dir = collection('failing', [passing[0] as SavedRequest, { ...(passing[0] as SavedRequest), name: 'Expects a refusal', expect: { status: 401, code: 'SIGN_ERROR', answerVerified: true } }]);
    const result = await run(['run', dir, '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('FAIL  expects-a-refusal.request.json  Expects a refusal: 200, answer verified (status 200, expected 401; code (none), expected SIGN_ERROR)');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('fails an answer whose signature does not verify when the case expects it to', async () => {
    const dir = collection('other-path', [{ name: 'Other path', body: { notification }, path: '/v3/not-the-endpoint', expect: { status: 404, answerVerified: true } }]);
    const result = await run(['run', dir, '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/FAIL {2}other-path\.request\.json {2}Other path: 404, answer not verified \(answer signature not verified \(ANSWER_HEADERS_MISSING\)\)/);
  });

  it('exits 2 naming the file and field of a bad request file, sending nothing', async () => {
    const dir = collection('bad', [passing[0] as SavedRequest]);
    writeFileSync(join(dir, 'typo.request.json'), JSON.stringify({ format: 'auditnotify-request/1', name: 'x', body: { raw: '' }, expect: { stauts: 200 } }));
    const result = await run(['run', dir, '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('auditnotify run: COLLECTION_INVALID: typo.request.json: expect.stauts: unknown field');
  });

  it('exits 2 without DIR, without a URL, or on a folder that is not a collection', async () => {
    expect((await run(['run', '--keys', keys])).stderr).toContain('missing DIR');
    const dir = collection('no-url', [passing[0] as SavedRequest]);
    const noUrl = await run(['run', dir, '--keys', keys]);
    expect([noUrl.code, noUrl.stderr]).toEqual([2, expect.stringContaining('missing --url')]);
    const notCollection = await run(['run', keys, '--keys', keys, '--url', `${listener.origin}${NOTIFY_PATH}`]);
    expect([notCollection.code, notCollection.stderr]).toEqual([2, expect.stringContaining('COLLECTION_UNREADABLE')]);
  });
});
