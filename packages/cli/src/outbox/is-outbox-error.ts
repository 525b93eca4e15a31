/**
 * Recognises the outbox's typed errors without loading `@auditnotify/outbox` (and with it better-sqlite3 and
 * BullMQ) into every command: an `OutboxError` is an `Error` named so, with a string `code`.
 */

/**
 * True for an `OutboxError` of `@auditnotify/outbox` (`OUTBOX_CONFLICT`, `OUTBOX_NOT_FOUND`, …).
 *
 * @example
 * ```ts
 * if (isOutboxError(error) && error.code === 'OUTBOX_CONFLICT') io.stderr.write('give --replace\n');
 * ```
 */
export function isOutboxError(value: unknown): value is Error & { code: string; detail?: Record<string, unknown> } {
  return value instanceof Error && value.name === 'OutboxError' && typeof (value as { code?: unknown }).code === 'string';
}
