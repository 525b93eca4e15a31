/**
 * The notification `send` sends: from `--body FILE|-` (JSON) or from `--field name=value` pairs.
 */
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { usageError } from '../usage-error.js';
import { jsonErrorPosition } from './json-error-position.js';
import { readInput } from './read-input.js';

/**
 * Reads the JSON body, or builds an object from `name=value` pairs (values are strings, as every field of
 * the notification is). A body that is not JSON is `INPUT_UNREADABLE` (exit code 2); the schema check is
 * the caller's.
 *
 * @example
 * ```ts
 * await readNotification({ fields: ['out_request_no=R1', 'mchid=1900016681', 'audit_result=PASS'] }, io);
 * // { out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' }
 * ```
 */
export async function readNotification(source: { body?: string | undefined; fields?: string[] | undefined }, io: CliIo): Promise<unknown> {
  const fields = source.fields ?? [];
  if ((source.body === undefined) === (fields.length === 0)) {
    throw usageError('give either --body FILE|- or --field name=value (repeatable)', { flag: '--body' });
  }
  if (source.body !== undefined) {
    const bytes = await readInput(source.body, io, '--body');
    const text = Buffer.from(bytes).toString('utf8');
    try {
      return JSON.parse(text);
    } catch (error) {
      // JSON.parse's message quotes the input: say where it breaks instead.
      const at = jsonErrorPosition(text);
      const where = at === undefined ? '' : ` at line ${at.line}, column ${at.column} (offset ${at.offset}): expected ${at.expected}`;
      throw new CliError('INPUT_UNREADABLE', `--body ${source.body}: not JSON${where}`, {
        cause: error,
        detail: { flag: '--body', ...(at === undefined ? {} : { line: at.line, column: at.column, offset: at.offset }) },
      });
    }
  }
  const notification: Record<string, string> = {};
  for (const pair of fields) {
    const at = pair.indexOf('=');
    if (at <= 0) throw usageError(`--field ${pair}: expected name=value`, { flag: '--field' });
    const name = pair.slice(0, at);
    if (Object.hasOwn(notification, name)) throw usageError(`--field ${name} given twice`, { flag: '--field' });
    notification[name] = pair.slice(at + 1);
  }
  return notification;
}
