/**
 * `auditnotify outbox status --store STORE [--json] [--mchid ID] [OUT_REQUEST_NO]`: the counts by state, or
 * one entry with every attempt; and `auditnotify outbox retry --store STORE [--mchid ID] OUT_REQUEST_NO`,
 * which puts a dead letter back in the queue.
 */
import type { OutboxAttempt, OutboxCounts, OutboxEntry } from '@auditnotify/outbox';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { openOutboxStoreAt, outboxStoreAddress } from '../options/outbox-store-option.js';
import { redact } from '../output/redact.js';
import { writeJson } from '../output/write-json.js';
import { parseFlagsAndPositionals } from '../parse-flags.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  store: { type: 'string' },
  json: { type: 'boolean' },
  mchid: { type: 'string' },
} as const;

function formatAttempt(attempt: OutboxAttempt, n: number): string {
  const answer = attempt.status === undefined ? 'no answer' : String(attempt.status);
  const parts = [`  ${n}.`, attempt.at, answer, attempt.errorCode ?? 'ok', attempt.verified ? 'answer verified' : 'answer not verified', `${attempt.durationMs} ms`, attempt.host];
  return `${parts.join('  ')}${attempt.message === undefined ? '' : `\n     ${redact(attempt.message)}`}`;
}

/** The text of one entry: its fields, then one line per attempt. */
function formatEntry(entry: OutboxEntry): string {
  const rows: [string, string | undefined][] = [
    ['id', entry.id],
    ['out_request_no', entry.out_request_no],
    ['mchid', entry.mchid],
    ['state', entry.state],
    ['enqueued', entry.enqueuedAt],
    ['next attempt', entry.nextAttemptAt],
    ['delivered', entry.deliveredAt],
    ['last error', entry.lastError === undefined ? undefined : `${entry.lastError.status ?? 'no answer'} ${entry.lastError.errorCode ?? ''}: ${redact(entry.lastError.message ?? '')}`],
    ['attempts', String(entry.attempts.length)],
  ];
  const head = rows.filter(([, value]) => value !== undefined).map(([name, value]) => `${name.padEnd(16)}${value as string}`);
  return `${[...head, ...entry.attempts.map((attempt, i) => formatAttempt(attempt, i + 1))].join('\n')}\n`;
}

function formatCounts(counts: OutboxCounts): string {
  return `${Object.entries(counts).map(([state, n]) => `${state.padEnd(12)}${n}`).join('\n')}\n`;
}

async function notFound(outRequestNo: string): Promise<Error> {
  const { OutboxError } = await import('@auditnotify/outbox');
  return new OutboxError('OUTBOX_NOT_FOUND', `No entry with out_request_no ${outRequestNo} in the outbox.`, { detail: { out_request_no: outRequestNo } });
}

/**
 * Runs `outbox status` with the arguments after `status`.
 *
 * @example
 * ```ts
 * await outboxStatus(['--store', 'sqlite:outbox.db', '--json'], io); // {"queued":0,…}
 * ```
 */
export async function outboxStatus(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlagsAndPositionals(args, OPTIONS, 1);
  const [outRequestNo] = positionals;
  const address = outboxStoreAddress(flags.store, io.cwd);
  const store = await openOutboxStoreAt(address);
  try {
    if (outRequestNo === undefined) {
      const counts = await store.counts();
      if (flags.json === true) writeJson(io.stdout, counts);
      else io.stdout.write(formatCounts(counts));
      return EXIT.OK;
    }
    const entry = await store.get(flags.mchid === undefined ? { out_request_no: outRequestNo } : { mchid: flags.mchid, out_request_no: outRequestNo });
    if (entry === undefined) throw await notFound(outRequestNo);
    if (flags.json === true) writeJson(io.stdout, entry);
    else io.stdout.write(formatEntry(entry));
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/**
 * Runs `outbox retry` with the arguments after `retry`.
 *
 * @example
 * ```ts
 * await outboxRetry(['--store', 'sqlite:outbox.db', 'htozr8denqegbt6tk6u10iymo7yww5pn'], io); // prints "… queued"
 * ```
 */
export async function outboxRetry(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlagsAndPositionals(args, { store: OPTIONS.store, mchid: OPTIONS.mchid }, 1);
  const [outRequestNo] = positionals;
  const address = outboxStoreAddress(flags.store, io.cwd);
  if (outRequestNo === undefined) throw usageError('missing OUT_REQUEST_NO: the dead letter to queue again', { flag: 'OUT_REQUEST_NO' });
  const store = await openOutboxStoreAt(address);
  try {
    const entry = await store.retryDeadLetter(flags.mchid === undefined ? { out_request_no: outRequestNo } : { mchid: flags.mchid, out_request_no: outRequestNo });
    io.stdout.write(`${entry.id} ${entry.out_request_no} ${entry.state}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}
