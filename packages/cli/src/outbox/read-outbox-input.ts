/**
 * The notifications `auditnotify outbox add` queues: `--field name=value …` (one), `--body FILE|-` (one JSON
 * object) or `--ndjson FILE|-` (one JSON object a line), each with where it came from for the messages.
 */
import { CliError } from '../cli-error.js';
import { readInput } from '../input/read-input.js';
import { jsonErrorPosition } from '../input/json-error-position.js';
import { readNotification } from '../input/read-notification.js';
import type { CliIo } from '../io.js';
import { usageError } from '../usage-error.js';

/**
 * A notification as read, before validation, and where it came from (`--body FILE`, `--ndjson FILE line 3`).
 *
 * @example
 * ```ts
 * const item: OutboxInput = { where: '--ndjson results.ndjson line 3', value: { out_request_no: 'R3' } };
 * ```
 */
export interface OutboxInput {
  where: string;
  value: unknown;
}

/**
 * Reads the notifications of exactly one of `--field`, `--body` and `--ndjson`. A line that is not JSON is
 * `INPUT_UNREADABLE` naming its line; an empty file is `INPUT_UNREADABLE` too.
 *
 * @example
 * ```ts
 * await readOutboxInput({ ndjson: 'results.ndjson' }, io); // [{ where: '--ndjson results.ndjson line 1', value: {…} }, …]
 * ```
 */
export async function readOutboxInput(source: { field?: string[] | undefined; body?: string | undefined; ndjson?: string | undefined }, io: CliIo): Promise<OutboxInput[]> {
  const given = [source.field !== undefined && source.field.length > 0, source.body !== undefined, source.ndjson !== undefined].filter(Boolean).length;
  if (given !== 1) throw usageError('give exactly one of --field name=value (repeatable), --body FILE|- or --ndjson FILE|-', { flag: '--field' });
  if (source.ndjson === undefined) {
    const value = await readNotification({ body: source.body, fields: source.field }, io);
    return [{ where: source.body === undefined ? '--field' : `--body ${source.body}`, value }];
  }
  const text = Buffer.from(await readInput(source.ndjson, io, '--ndjson')).toString('utf8');
  const items: OutboxInput[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const where = `--ndjson ${source.ndjson} line ${index + 1}`;
    try {
      items.push({ where, value: JSON.parse(line) });
    } catch (error) {
      const at = jsonErrorPosition(line);
      throw new CliError('INPUT_UNREADABLE', `${where}: not JSON${at === undefined ? '' : ` at column ${at.column}: expected ${at.expected}`}`, {
        cause: error,
        detail: { flag: '--ndjson', line: index + 1, ...(at === undefined ? {} : { column: at.column }) },
      });
    }
  });
  if (items.length === 0) throw new CliError('INPUT_UNREADABLE', `--ndjson ${source.ndjson}: no notification in it (one JSON object a line)`, { detail: { flag: '--ndjson' } });
  return items;
}
