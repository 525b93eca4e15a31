import { AuditNotifyError } from '../errors.js';

/**
 * The one error every decoder throws: `DECODE_FAILED` with `detail.line` (1-based line of the input where
 * the problem is) and `detail.issue` (what is wrong and what to fix).
 *
 * @example
 * ```ts
 * throw decodeError(1, 'the request line must be "METHOD target HTTP/1.1"');
 * ```
 */
export function decodeError(line: number, issue: string, extra: Record<string, unknown> = {}): AuditNotifyError {
  return new AuditNotifyError('DECODE_FAILED', `line ${line}: ${issue}`, { detail: { line, issue, ...extra } });
}
