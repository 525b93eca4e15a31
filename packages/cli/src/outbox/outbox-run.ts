/**
 * `auditnotify outbox run --store STORE [sender flags] [--url URL] [--rate N/min] [--until-empty]`: delivers
 * the outbox through core's client under the global rate, prints one JSON line per settled attempt (or a
 * progress bar on a terminal), and exits 0 when nothing is dead-lettered, 1 when something is.
 */
import type { Outbox, OutboxAttempt, OutboxCounts, OutboxEntry } from '@auditnotify/outbox';
import { EXIT } from '../exit-codes.js';
import { splitUrl } from '../input/split-url.js';
import type { CliIo } from '../io.js';
import { openOutboxStoreAt, outboxStoreAddress } from '../options/outbox-store-option.js';
import { resolveSender, SENDER_OPTIONS } from '../options/sender-options.js';
import { formatProgress } from '../output/progress-bar.js';
import { redact } from '../output/redact.js';
import { parseFlags } from '../parse-flags.js';
import { usageError } from '../usage-error.js';
import { parseRate, parseWhole } from './run-options.js';

const OPTIONS = {
  ...SENDER_OPTIONS,
  store: { type: 'string' },
  url: { type: 'string' },
  rate: { type: 'string' },
  'until-empty': { type: 'boolean' },
  concurrency: { type: 'string' },
  'lease-ms': { type: 'string' },
  'max-attempts': { type: 'string' },
} as const;

type Settled = 'delivered' | 'retry' | 'dead';

function line(event: Settled, entry: OutboxEntry, attempt: OutboxAttempt, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    event,
    id: entry.id,
    out_request_no: entry.out_request_no,
    host: attempt.host,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
    ...(attempt.errorCode === undefined ? {} : { errorCode: attempt.errorCode }),
    ...(attempt.message === undefined ? {} : { message: redact(attempt.message) }),
    verified: attempt.verified,
    attempts: entry.attempts.length,
    ...extra,
  })}\n`;
}

/** Redraws the progress line on a terminal, with the store's counts of what is still pending. */
function progressDrawer(io: CliIo, outbox: Outbox, tally: { delivered: number; dead: number; retrying: Set<string> }, startedAt: number) {
  let pending = 0;
  let reading = false;
  const draw = (): void => {
    io.stdout.write(`\r${formatProgress({ delivered: tally.delivered, dead: tally.dead, retrying: tally.retrying.size, pending, elapsedMs: Date.now() - startedAt })}\x1b[K`);
  };
  const refresh = (): void => {
    if (reading) return;
    reading = true;
    outbox.counts().then(
      (counts) => {
        reading = false;
        pending = counts.queued + counts.delivering;
        draw();
      },
      () => {
        reading = false;
      },
    );
  };
  return { draw, refresh };
}

/**
 * Runs `outbox run` with the arguments after `run`.
 *
 * @example
 * ```ts
 * await outboxRun(['--store', 'sqlite:outbox.db', '--keys', 'keys', '--url', 'http://127.0.0.1:8080/v3/…', '--until-empty'], io);
 * ```
 */
export async function outboxRun(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, OPTIONS);
  const address = outboxStoreAddress(flags.store, io.cwd);
  const rate = parseRate(flags.rate);
  const concurrency = parseWhole(flags.concurrency, '--concurrency', { min: 1, max: 256, default: 4 });
  const leaseMs = parseWhole(flags['lease-ms'], '--lease-ms', { min: 1_000, max: 86_400_000, default: 60_000 });
  const maxAttempts = parseWhole(flags['max-attempts'], '--max-attempts', { min: 1, max: 1_000, default: 12 });
  let url: string | undefined;
  if (flags.url !== undefined) {
    const split = splitUrl(flags.url);
    if (split.origin === undefined) throw usageError('--url must be a full http(s) URL of the notify endpoint (leave it out to send to the WeChat Pay hosts)', { flag: '--url' });
    url = `${split.origin}${split.pathAndQuery}`;
  }
  const sender = await resolveSender(flags, io, { needWechatpayKey: true });
  const store = await openOutboxStoreAt(address);
  const { createOutbox } = await import('@auditnotify/outbox');
  const outbox = createOutbox({
    store,
    client: { mchid: sender.mchid, serialNo: sender.serialNo, privateKey: sender.privateKey, wechatpayPublicKeys: sender.wechatpayPublicKeys },
    ...(url === undefined ? {} : { url }),
    rate,
    concurrency,
    leaseMs,
    retry: { maxAttempts },
  });
  const startedAt = Date.now();
  const tally = { delivered: 0, dead: 0, retries: 0, retrying: new Set<string>() };
  const terminal = io.stdoutIsTerminal === true;
  const progress = terminal ? progressDrawer(io, outbox, tally, startedAt) : undefined;
  outbox.on('delivered', ({ entry, attempt }) => {
    tally.delivered += 1;
    tally.retrying.delete(entry.id);
    if (progress === undefined) io.stdout.write(line('delivered', entry, attempt));
    else progress.refresh();
  });
  outbox.on('failed', ({ entry, attempt, delayMs }) => {
    tally.retries += 1;
    tally.retrying.add(entry.id);
    if (progress === undefined) io.stdout.write(line('retry', entry, attempt, { retryInMs: delayMs }));
    else progress.refresh();
  });
  outbox.on('deadLettered', ({ entry, attempt }) => {
    tally.dead += 1;
    tally.retrying.delete(entry.id);
    if (progress === undefined) {
      io.stdout.write(line('dead', entry, attempt));
    } else {
      io.stdout.write(`\r\x1b[Kdead ${entry.out_request_no}: ${attempt.status ?? 'no answer'} ${attempt.errorCode ?? ''} ${redact(attempt.message ?? '')}\n`);
      progress.refresh();
    }
  });
  outbox.on('error', (error) => io.stderr.write(`auditnotify outbox run: store error (still running): ${redact(error instanceof Error ? error.message : String(error))}\n`));

  const consumer = outbox.run({ untilEmpty: flags['until-empty'] === true });
  const removeStop = io.onStop(() => void consumer.stop());
  const ticker = progress === undefined ? undefined : setInterval(progress.refresh, 1_000);
  progress?.refresh();
  let counts: OutboxCounts;
  try {
    await consumer.done;
    counts = await outbox.counts();
  } finally {
    removeStop();
    if (ticker !== undefined) clearInterval(ticker);
    await outbox.close();
  }
  const summary = { delivered: tally.delivered, dead: tally.dead, retries: tally.retries, elapsedMs: Date.now() - startedAt, counts };
  if (progress === undefined) {
    io.stdout.write(`${JSON.stringify({ event: 'summary', ...summary })}\n`);
  } else {
    io.stdout.write(
      `\r${formatProgress({ delivered: tally.delivered, dead: tally.dead, retrying: tally.retrying.size, pending: counts.queued + counts.delivering, elapsedMs: summary.elapsedMs })}\x1b[K\n` +
        `delivered ${tally.delivered}, dead ${tally.dead}, retries ${tally.retries}; the store: ${counts.delivered} delivered, ${counts.dead} dead, ${counts.queued + counts.delivering} pending\n`,
    );
  }
  if (counts.dead > 0) {
    io.stderr.write(`auditnotify outbox run: ${counts.dead} dead-lettered in the store (see "auditnotify outbox status --store ${flags.store ?? ''}")\n`);
    return EXIT.CHECK_FAILED;
  }
  return EXIT.OK;
}
