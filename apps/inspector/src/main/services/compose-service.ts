/**
 * The composer: the documentation's sample notification and live validation of the JSON being edited.
 */
import { serializeNotification, type AuditResultNotification } from '@auditnotify/core';
import { sampleCurlCommand, sampleNotification } from '@auditnotify/core/testing';
import type { ApiOutput } from '../../shared/api.js';
import { fromUtf8 } from './bytes.js';
import { reportNotification } from './notification-report.js';

/**
 * The composer service.
 *
 * @example
 * ```ts
 * const compose: ComposeService = createComposeService();
 * compose.validate({ text: compose.sample().text }).ok; // true
 * ```
 */
export interface ComposeService {
  sample(options?: { auditResult?: 'PASS' | 'REJECT' }): ApiOutput<'compose.sample'>;
  validate(input: { text?: string; notification?: Record<string, unknown> }): ApiOutput<'compose.validate'>;
}

/**
 * Creates the composer service.
 *
 * @example
 * ```ts
 * const compose = createComposeService();
 * compose.validate({ text: compose.sample().text }).warnings[0]?.code; // 'FAIL_FIELDS_WITH_PASS'
 * ```
 */
export function createComposeService(): ComposeService {
  return {
    sample(options = {}) {
      // The documentation's example sends fail_code/fail_msg with PASS (protocol.md §1): kept as is for PASS so the composer's
      // warning shows; a REJECT sample is the same example with audit_result REJECT.
      const notification: Record<string, unknown> = { ...sampleNotification(), audit_result: options.auditResult ?? 'PASS' };
      return { notification, text: `${JSON.stringify(notification, null, 2)}\n`, curlExample: sampleCurlCommand() };
    },
    validate(input) {
      let value: unknown = input.notification;
      if (input.text !== undefined) {
        try {
          value = JSON.parse(input.text);
        } catch (error) {
          const report = reportNotification({});
          return {
            ok: false,
            jsonError: jsonErrorOf(input.text, error),
            errors: [],
            warnings: [],
            unknownFields: [],
            fields: report.fields.map(({ issue: _issue, ...field }) => field),
          };
        }
      }
      const report = reportNotification(value);
      const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      const serialized = isObject ? serializeNotification(value as AuditResultNotification) : undefined;
      return {
        ...report,
        ...(serialized ? { serialized: fromUtf8(serialized), serializedByteLength: serialized.byteLength } : {}),
      };
    },
  };
}

function jsonErrorOf(text: string, error: unknown): { message: string; line?: number; column?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { message, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return { message };
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return { message, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
