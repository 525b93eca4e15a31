/**
 * The human-readable rendering of a {@link DecodeReport}.
 */
import { explainMessage } from '../output/explain-message.js';
import type { DecodeReport } from './build-decode-report.js';

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'undefined';
}

function when(timestamp: number, now: number): string {
  const iso = new Date(timestamp * 1000).toISOString().replace('.000Z', 'Z');
  const age = now - timestamp;
  const span = Math.abs(age) < 120 ? `${Math.abs(age)} s` : Math.abs(age) < 7200 ? `${Math.round(Math.abs(age) / 60)} min` : `${Math.round(Math.abs(age) / 3600)} h`;
  return `${iso}, ${span} ${age >= 0 ? 'ago' : 'ahead'}`;
}

/**
 * Renders the report as sections: request, Authorization, signing message (visible line ends), body fields
 * with the documentation's labels, schema errors, lint warnings, and the verification with its likely cause.
 *
 * @example
 * ```ts
 * io.stdout.write(formatDecodeReport(await buildDecodeReport(request), Math.floor(Date.now() / 1000)));
 * ```
 */
export function formatDecodeReport(report: DecodeReport, now: number): string {
  const out: string[] = [];
  const { request, authorization, message, body, verification, timestamp } = report;
  out.push(`Request: ${request.method} ${request.url} (${request.httpVersion.startsWith('HTTP') ? '' : 'HTTP/'}${request.httpVersion})`);
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization') continue;
    out.push(`  ${name}: ${value}`);
  }
  out.push('', 'Authorization:');
  if (authorization.ok) {
    out.push(
      '  scheme     WECHATPAY2-SHA256-RSA2048',
      `  mchid      ${authorization.mchid}`,
      `  nonce_str  ${authorization.nonce_str}`,
      `  timestamp  ${authorization.timestamp} (${when(authorization.timestamp, now)}${timestamp === undefined ? '' : `; ${timestamp.text}`})`,
      `  serial_no  ${authorization.serial_no}`,
      `  signature  ${authorization.signature.slice(0, 24)}… (${authorization.signature.length} chars)`,
    );
  } else {
    const raw = request.headers.authorization;
    if (raw !== undefined) out.push(`  value      ${raw}`);
    out.push(`  ${authorization.code}${authorization.reason === undefined ? '' : ` (${authorization.reason})`}: ${authorization.message}`);
  }
  out.push('', 'Signing message:');
  if (message === undefined) out.push('  (cannot be built without a readable Authorization header)');
  else out.push(explainMessage(Buffer.from(message.text, 'utf8')).trimEnd());

  out.push('', `Body: ${body.bytes} bytes${body.json ? '' : ', not JSON'}`);
  const width = Math.max(0, ...body.fields.map((field) => field.name.length)) + 2;
  for (const field of body.fields) {
    const label = `${field.labelZh} ${field.labelEn}${field.required ? ', required' : ''}`;
    const value = field.present ? show(field.value) : '(absent)';
    out.push(`  ${field.name.padEnd(width)}${value}   [${label}]`);
  }
  for (const name of body.unknownFields) out.push(`  ${name.padEnd(width)}(not a field of the documentation: kept, reported)`);
  out.push('', body.schemaErrors.length === 0 ? 'Schema: ok' : 'Schema errors:');
  for (const error of body.schemaErrors) out.push(`  ${error.field === '' ? '(body)' : error.field}: ${error.issue}`);
  if (body.warnings.length > 0) {
    out.push('', 'Lint warnings:');
    for (const warning of body.warnings) out.push(`  ${warning.code}${warning.field === undefined ? '' : ` (${warning.field})`}: ${warning.message}`);
  }
  if (verification !== undefined) {
    out.push('', `Verification: ${verification.verified ? `VERIFIED${verification.keyId === undefined ? '' : ` with ${verification.keyId}`}` : 'FAILED'}`);
    out.push(`  signature: ${verification.signature.status}; timestamp: ${timestamp?.text ?? 'unreadable'} → ${report.verdict.title}`);
    for (const check of verification.checks) out.push(`  ${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
    if (verification.likelyCause !== undefined) {
      out.push('', `Most likely cause: ${verification.likelyCause.code}: ${verification.likelyCause.title}`);
      out.push(`  ${verification.likelyCause.explanation}`);
    }
    if (!verification.verified && verification.matchingVariants.length > 0) {
      out.push('', 'These variants of the message do verify:');
      for (const variant of verification.matchingVariants) out.push(`  ${variant.name}: ${variant.description}`);
    }
  } else {
    out.push('', 'Verification: not run (give receiver flags, e.g. --keys DIR, to check the signature)');
  }
  out.push('');
  return out.join('\n');
}
