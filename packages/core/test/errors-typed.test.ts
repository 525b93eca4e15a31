// Core's error table holds only what core raises (the CLI and the inspector keep their own codes), and the
// families callers read have typed details: narrowing on `code` narrows `detail`, with no cast.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_TABLE, isAuditNotifyError, type FieldIssueDetail } from '../src/errors.js';
import { safeParseNotification, parseNotification } from '../src/schema/index.js';
import { parseAuthorization, type AuthorizationProblem } from '../src/protocol/index.js';
import { verifyResponse } from '../src/signing/index.js';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the error table', () => {
  it('holds no code of the CLI or the inspector', () => {
    for (const code of ['USAGE_ERROR', 'INPUT_UNREADABLE', 'INVALID_INPUT', 'FORBIDDEN', 'UNKNOWN_METHOD', 'NOT_FOUND', 'KEY_ROLE_MISMATCH', 'RECEIVER_NOT_RUNNING']) {
      expect(Object.hasOwn(ERROR_TABLE, code), code).toBe(false);
    }
  });
});

describe('typed details', () => {
  it('PARAM_ERROR lists its issues as typed FieldIssueDetail, and safeParseNotification hands them over directly', () => {
    const error = caught(() => parseNotification({ mchid: 1 }));
    if (!isAuditNotifyError(error) || error.code !== 'PARAM_ERROR') throw new Error('expected PARAM_ERROR');
    expectTypeOf(error.detail!.issues).toEqualTypeOf<FieldIssueDetail[]>();
    expect(error.detail!.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['out_request_no', 'mchid', 'audit_result']));
    const result = safeParseNotification({ mchid: 1 });
    expect(result.ok ? [] : result.issues).toEqual(error.detail!.issues);
  });

  it('AUTH_MALFORMED names its AuthorizationProblem', () => {
    const error = caught(() => parseAuthorization('Basic x'));
    if (!isAuditNotifyError(error) || error.code !== 'AUTH_MALFORMED') throw new Error('expected AUTH_MALFORMED');
    expectTypeOf(error.detail!.reason).toEqualTypeOf<AuthorizationProblem>();
    expect(typeof error.detail!.reason).toBe('string');
  });

  it('ANSWER_HEADERS_MISSING lists the missing headers', async () => {
    const error = await verifyResponse({ headers: {}, body: '', publicKeys: new Map() }).catch((e: unknown) => e);
    if (!isAuditNotifyError(error) || error.code !== 'ANSWER_HEADERS_MISSING') throw new Error('expected ANSWER_HEADERS_MISSING');
    expectTypeOf(error.detail!.missing).toEqualTypeOf<string[]>();
    expect(error.detail!.missing).toEqual(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial']);
  });
});
