/**
 * UI benchmark of the inspector in browser mode, driven in Debian Chromium:
 *   1. cold start: `node dist/start.js --browser` with an empty data directory (keys generated, receiver
 *      started) → URL printed → first interactive paint (the Compose form showing the documentation's example);
 *   2. the compose → signed → sent → verified round trip as a user sees it in the UI;
 *   3. baseline, same run: the same round trip through the bridge API without the UI.
 * Prints median / p95 and writes docs/benchmarks-inspector.md.
 *
 * Run: `npm run build -w @auditnotify/inspector && npm run bench -w @auditnotify/inspector`
 * (env: BENCH_STARTS, BENCH_ROUNDS).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { unwrap } from '../src/shared/api.js';
import { createHttpBridgeApi } from '../src/shared/http-bridge-client.js';
import { launchChromium } from '../test/e2e/launch-chromium.js';
import { inPageRoundTrip } from './in-page-round-trip.js';
import { startSubprocess } from './start-subprocess.js';
import { summarize, type Stats } from './stats.js';

const STARTS = Number(process.env['BENCH_STARTS'] ?? 7);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 30);
const START_JS = fileURLToPath(new URL('../dist/start.js', import.meta.url));
const REPORT = fileURLToPath(new URL('../../../docs/benchmarks-inspector.md', import.meta.url));

const browser = await launchChromium();
const tempDirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'auditnotify-inspector-bench-'));
  tempDirs.push(dir);
  return dir;
};

async function openInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  // In-page clock: milliseconds from navigation start until the form shows the documentation's request number.
  const handle = await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="field-out_request_no"]');
    return input?.value ? performance.now() : 0;
  });
  return (await handle.jsonValue()) as number;
}

// 1. Cold starts.
const toUrl: number[] = [];
const toInteractive: number[] = [];
const navToInteractive: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const t0 = performance.now();
  const proc = await startSubprocess(START_JS, newDataDir());
  const t1 = performance.now();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const inPage = await openInteractive(page, proc.url);
  const t2 = performance.now();
  toUrl.push(t1 - t0);
  toInteractive.push(t2 - t0);
  navToInteractive.push(inPage);
  await page.close();
  await proc.stop();
}

// 2 + 3. Round trips on one running inspector.
const proc = await startSubprocess(START_JS, newDataDir());
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await openInteractive(page, proc.url);
const ui: number[] = [];
for (let i = 0; i < ROUNDS + 2; i++) {
  const id = `bench-ui-${String(i).padStart(4, '0')}`;
  await page.getByTestId('nav-compose').click();
  const t0 = performance.now();
  await page.getByTestId('field-out_request_no').fill(id);
  await page.getByTestId('nav-sign').click();
  await page.getByTestId('sign-run').click();
  await page.locator('[data-testid="msg-part-body"]', { hasText: id }).waitFor();
  await page.getByTestId('sign-to-send').click();
  await page.getByTestId('send-run').click();
  await page.locator('[data-testid="exchange-result"]', { hasText: id }).locator('[data-testid="send-verdict"][data-kind="accepted"]').waitFor();
  // The first two rounds warm up the page and the server (JIT, connection pool).
  if (i >= 2) ui.push(performance.now() - t0);
}
await page.getByTestId('nav-compose').click();
const inPageSigned: number[] = [];
const inPage: number[] = [];
for (let i = 0; i < ROUNDS + 2; i++) {
  const [signedMs, verifiedMs] = await inPageRoundTrip(page, `bench-page-${String(i).padStart(4, '0')}`);
  if (i >= 2) {
    inPageSigned.push(signedMs);
    inPage.push(verifiedMs);
  }
}

const token = decodeURIComponent(/#token=([^&]+)/.exec(proc.url)?.[1] ?? '');
const api = createHttpBridgeApi({ token, baseUrl: new URL(proc.url).origin });
const keys = unwrap(await api.keys.list()).keys;
const merchant = keys.find((k) => k.role === 'merchant' && k.hasPrivateKey);
if (!merchant) throw new Error('no merchant key');
const sample = unwrap(await api.compose.sample({}));
const baseline: number[] = [];
const sendOnly: number[] = [];
for (let i = 0; i < ROUNDS + 2; i++) {
  const text = sample.text.replace('htozr8denqegbt6tk6u10iymo7yww5pn', `bench-api-${String(i).padStart(4, '0')}`);
  const t0 = performance.now();
  unwrap(await api.compose.validate({ text }));
  unwrap(await api.sign.compute({ keyId: merchant.id, body: { kind: 'text', text } }));
  const t1 = performance.now();
  const sent = unwrap(await api.send.run({ target: { kind: 'local' }, keyId: merchant.id, body: { kind: 'text', text } }));
  const t2 = performance.now();
  if (sent.verdict.kind !== 'accepted') throw new Error(`baseline round ${i}: ${sent.verdict.kind}`);
  if (i >= 2) {
    baseline.push(t2 - t0);
    sendOnly.push(t2 - t1);
  }
}
const chromiumVersion = browser.version();
await page.close();
await proc.stop();
await browser.close();
for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });

// Report.
const fmt = (s: Stats) => `| ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} | ${s.n} |`;
const rows: Array<[string, Stats]> = [
  ['cold start: spawn → URL printed', summarize(toUrl)],
  ['cold start: spawn → first interactive paint', summarize(toInteractive)],
  ['page: navigation start → first interactive paint (in-page clock)', summarize(navToInteractive)],
  ['UI round trip, in-page clock: compose → message signed and shown', summarize(inPageSigned)],
  ['UI round trip, in-page clock: compose → signed → sent → verified shown', summarize(inPage)],
  ['UI round trip driven by Playwright (adds automation latency)', summarize(ui)],
  ['baseline, bridge API: validate → sign → send → verified', summarize(baseline)],
  ['baseline, bridge API: send.run alone', summarize(sendOnly)],
];
const table = ['| measurement | median ms | p95 ms | min ms | max ms | n |', '|---|---:|---:|---:|---:|---:|', ...rows.map(([name, s]) => `| ${name} ${fmt(s)}`)].join('\n');
const uiMedian = summarize(inPage).median;
const apiMedian = summarize(baseline).median;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, Chromium ${chromiumVersion}, load average at the end ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')}`;
console.log(table);
console.log(`\nUI overhead over the bridge API (medians): ${(uiMedian - apiMedian).toFixed(1)} ms\n${machine}`);

writeFileSync(
  REPORT,
  `# Inspector benchmarks (browser mode, Debian Chromium)

Measured by \`apps/inspector/bench/ui.bench.ts\` (\`npm run bench -w @auditnotify/inspector\`, after a build).
Machine: ${machine}. ${STARTS} cold starts, ${ROUNDS} round trips after 2 warm-up rounds; every number comes from the
same run, so the UI figures and their baseline saw the same machine load.

${table}

- **Cold start** runs \`node dist/start.js --browser --port 0\` with an empty data directory, as on a first start:
  the backend generates a test key set (RSA-2048 merchant and platform keys), starts the local receiver and
  serves the UI. "First interactive paint" is when the Compose form shows the documentation's example and accepts input.
- **UI round trip** is what a user does: type a new \`out_request_no\`, sign (the Sign pane renders the message),
  send to the local receiver, and see the green "accepted, answer signature verified" verdict. It includes
  React rendering, the live validation and two signatures (the Sign pane's and the one \`send.run\` makes for the
  bytes it puts on the wire). The in-page rows fire the same DOM events a click does and read the page's own
  clock once per painted frame; the Playwright row drives real clicks from Node and so also counts the
  automation protocol's round trips (several per action, slow on a loaded machine).
- **Baseline** is the same work through the bridge API from Node, without a browser: \`compose.validate\`,
  \`sign.compute\`, \`send.run\` (which signs, POSTs to the receiver, which verifies, answers signed, and the answer is
  verified). The UI overhead over it (in-page median minus API median) was ${(uiMedian - apiMedian).toFixed(1)} ms in this run.
`,
);
console.log(`wrote ${REPORT}`);
