// The corpus of real integration mistakes (test-vectors/corpus): every case, as raw HTTP and as curl, through
// the built `auditnotify decode`. Each mistake must be named by its own cause code; the controls must verify.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, TEST_VECTORS } from './helpers/cli.js';

interface CorpusCase {
  id: string;
  title: string;
  expect: string;
  thread: string | null;
  senderCerts: string[];
  now: number;
}

const CORPUS = join(TEST_VECTORS, 'corpus');
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { answerKey: string; answerKeyId: string; cases: CorpusCase[] };
const forms = [
  ['raw HTTP', '--request', 'http'],
  ['curl', '--curl', 'sh'],
] as const;

async function decode(item: CorpusCase, flag: string, ext: string): Promise<{ code: number | null; verification: { verified: boolean; likelyCause?: { code: string; explanation: string } } }> {
  const result = await run([
    'decode', flag, join(CORPUS, 'cases', `${item.id}.${ext}`),
    ...item.senderCerts.flatMap((cert) => ['--sender-cert', join(TEST_VECTORS, cert)]),
    '--answer-key', join(TEST_VECTORS, manifest.answerKey), '--answer-key-id', manifest.answerKeyId,
    '--now', String(item.now), '--json',
  ]);
  if (result.stdout === '') throw new Error(`decode printed nothing; stderr: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { verification?: { verified: boolean; likelyCause?: { code: string; explanation: string } } };
  if (report.verification === undefined) throw new Error(`no verification in the report of ${item.id}`);
  return { code: result.code, verification: report.verification };
}

describe('the corpus of real integration mistakes', () => {
  it('has controls, and cites a public thread for every mistake', () => {
    const controls = manifest.cases.filter((c) => c.expect === 'verified');
    const mistakes = manifest.cases.filter((c) => c.expect !== 'verified');
    expect(controls.length).toBeGreaterThanOrEqual(3);
    expect(mistakes.length).toBeGreaterThanOrEqual(20);
    for (const mistake of mistakes) expect(mistake.thread, mistake.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull)\/\d+$/);
    expect(controls.some((c) => c.senderCerts.length === 2)).toBe(true);
  });

  for (const item of manifest.cases) {
    for (const [label, flag, ext] of forms) {
      it(`${item.id} (${label}): ${item.expect === 'verified' ? 'verifies' : `names ${item.expect}`}`, async () => {
        const { code, verification } = await decode(item, flag, ext);
        if (item.expect === 'verified') {
          expect(verification.likelyCause?.code, verification.likelyCause?.explanation).toBeUndefined();
          expect(verification.verified).toBe(true);
          expect(code).toBe(0);
        } else {
          expect(verification.verified).toBe(false);
          expect(verification.likelyCause?.code, verification.likelyCause?.explanation).toBe(item.expect);
          expect(code).toBe(1);
        }
      });
    }
  }
});
