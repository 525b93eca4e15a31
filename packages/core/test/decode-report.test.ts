// The one decode report (src/report/decode-report.ts): separate verdicts for the signature and for the
// timestamp and nonce, and a body that fails the schema still linted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDecodeReport, reportNotificationBody } from '../src/report/decode-report.js';
import { freshKeys, NOW, SAMPLE, senderKeys, SERIAL_NO, signedRequest } from './receiver-fixtures.js';

const publicKeys = new Map([[SERIAL_NO, senderKeys.publicKey]]);
const other = freshKeys();

async function report(input: Parameters<typeof signedRequest>[0], keys: typeof publicKeys | null = publicKeys) {
  const request = signedRequest(input);
  return buildDecodeReport({ method: request.method, url: request.url, headers: request.headers, body: request.body, ...(keys ? { publicKeys: keys } : {}), clock: () => NOW });
}

describe('buildDecodeReport', () => {
  it('reads a valid signature with a timestamp 600 s old as "600 s ago", not as a bad signature', async () => {
    const r = await report({ timestamp: NOW - 600 });
    expect(r.signature.status).toBe('valid');
    expect(r.timestamp?.text).toBe('600 s ago, outside the 300 s window');
    expect(r.verdict).toMatchObject({ kind: 'timestamp-invalid', ok: false, code: 'TIMESTAMP_OUT_OF_WINDOW' });
    expect(r.verdict.title).not.toMatch(/does not verify/);
    expect(r.verdict.message).toMatch(/600 s ago/);
  });

  it('says "from now" only for a timestamp in the future', async () => {
    expect((await report({ timestamp: NOW + 42 })).timestamp?.text).toBe('42 s from now, inside the 300 s window');
    expect((await report({ timestamp: NOW - 42 })).timestamp?.text).toBe('42 s ago, inside the 300 s window');
  });

  it('names a bad signature as such, with the diagnosis cause, whatever the timestamp', async () => {
    const r = await report({ key: other.privatePem, timestamp: NOW - 600 });
    expect(r.signature.status).toBe('invalid');
    expect(r.timestamp?.verdict.ok).toBe(false);
    expect(r.verdict).toMatchObject({ kind: 'signature-invalid', code: 'WRONG_KEY' });
  });

  it('lints a body that fails the schema and keeps its fields', async () => {
    // REJECT without fail_msg is a lint warning; a 65-byte out_request_no breaks the schema.
    const body = JSON.stringify({ ...SAMPLE, audit_result: 'REJECT', out_request_no: 'R'.repeat(65) });
    const r = await report({ body });
    expect(r.signature.status).toBe('valid');
    expect(r.body.schemaErrors.map((e) => e.field)).toEqual(['out_request_no']);
    expect(r.body.warnings.length).toBeGreaterThan(0);
    expect(r.body.fields.find((f) => f.name === 'out_request_no')).toMatchObject({ present: true, value: 'R'.repeat(65), byteLength: 65, issue: expect.any(String) });
    expect(r.verdict).toMatchObject({ kind: 'body-invalid', code: 'PARAM_ERROR' });
  });

  it('is unverifiable without keys or without Authorization, and verified when all is well', async () => {
    expect((await report({}, null)).verdict).toMatchObject({ kind: 'unverifiable', code: 'UNKNOWN_SERIAL' });
    const request = signedRequest();
    delete (request.headers as Record<string, string>).authorization;
    expect((await buildDecodeReport({ ...request, publicKeys, clock: () => NOW })).verdict).toMatchObject({ kind: 'unverifiable', code: 'AUTH_MISSING' });
    expect((await report({})).verdict).toMatchObject({ kind: 'verified', ok: true });
  });
});

describe('reportNotificationBody', () => {
  it('never throws, and reports JSON, fields and errors for any bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.json().map((t) => new TextEncoder().encode(t))), (bytes) => {
        const body = reportNotificationBody(bytes);
        expect(body.bytes).toBe(bytes.byteLength);
        if (!body.json) expect(body.schemaErrors).toHaveLength(1);
        else expect(body.fields).toHaveLength(7);
      }),
    );
  });
});
