/**
 * `auditnotify outbox add --store STORE (--field k=v … | --body FILE | --ndjson FILE) [--replace]`: validates
 * every notification first (one invalid, none queued), then queues them and prints one line per entry:
 * its id, its out_request_no and `queued`, `exists` or `replaced`.
 */
import { isAuditNotifyError } from '@auditnotify/core';
import type { NotificationFields } from '@auditnotify/core';
import type { NewEntry } from '@auditnotify/outbox';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { openOutboxStoreAt, outboxStoreAddress } from '../options/outbox-store-option.js';
import { parseFlags } from '../parse-flags.js';
import { isOutboxError } from './is-outbox-error.js';
import { readOutboxInput } from './read-outbox-input.js';

const OPTIONS = {
  store: { type: 'string' },
  field: { type: 'string', multiple: true },
  body: { type: 'string' },
  ndjson: { type: 'string' },
  replace: { type: 'boolean' },
} as const;

/**
 * Runs `outbox add` with the arguments after `add`.
 *
 * @example
 * ```ts
 * await outboxAdd(['--store', 'sqlite:outbox.db', '--ndjson', 'results.ndjson'], io); // 0
 * ```
 */
export async function outboxAdd(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, OPTIONS);
  const address = outboxStoreAddress(flags.store, io.cwd);
  const inputs = await readOutboxInput(flags, io);
  const { prepareEntry, OutboxError } = await import('@auditnotify/outbox');
  const entries: { where: string; entry: NewEntry }[] = [];
  for (const { where, value } of inputs) {
    try {
      entries.push({ where, entry: await prepareEntry(value as NotificationFields) });
    } catch (error) {
      // Core's VALIDATION_FAILED with its detail, named by where the notification came from.
      if (isAuditNotifyError(error)) error.message = `${where}: ${error.message}`;
      throw error;
    }
  }
  const store = await openOutboxStoreAt(address);
  try {
    for (const { where, entry } of entries) {
      try {
        const result = await store.enqueue(entry, { replace: flags.replace === true });
        io.stdout.write(`${result.entry.id} ${result.entry.out_request_no} ${result.outcome}\n`);
      } catch (error) {
        if (isOutboxError(error) && error.code === 'OUTBOX_CONFLICT') {
          throw new OutboxError('OUTBOX_CONFLICT', `${where}: out_request_no ${entry.notification.out_request_no} is already in the outbox with different fields; give --replace to send the new fields instead (nothing after it was queued).`, {
            detail: { ...error.detail, where },
            cause: error,
          });
        }
        throw error;
      }
    }
  } finally {
    await store.close();
  }
  return EXIT.OK;
}
