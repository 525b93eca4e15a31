import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ANSWER_FIELDS,
  NOTIFICATION_FIELDS,
  answerSchema,
  errorBodySchema,
  fieldMeta,
  findUnsupportedCharacter,
  isRfc3339DateTime,
  lintNotification,
  notificationSchema,
  parseNotification,
  rfc3339Issue,
  safeParseNotification,
  serializeNotification,
  utf8ByteLength,
} from '../src/schema/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { sampleNotification } from '../src/testing.js';

// The documentation's own example body (请求示例): fail_code/fail_msg sent with PASS.
const SEED_EXAMPLE = sampleNotification();

function paramError(value: unknown): AuditNotifyError {
  const result = safeParseNotification(value);
  if (result.ok) throw new Error('expected a PARAM_ERROR');
  expect(result.error).toBeInstanceOf(AuditNotifyError);
  expect(result.error.code).toBe('PARAM_ERROR');
  expect(result.error.status).toBe(400);
  return result.error;
}

describe('parseNotification', () => {
  it("accepts the documentation's own example (fail fields with PASS) with FAIL_FIELDS_WITH_PASS warnings only", () => {
    const parsed = parseNotification(SEED_EXAMPLE);
    expect(parsed.notification).toEqual(SEED_EXAMPLE);
    expect(parsed.unknownFields).toEqual({});
    expect(parsed.warnings.map((w) => [w.code, w.field])).toEqual([
      ['FAIL_FIELDS_WITH_PASS', 'fail_code'],
      ['FAIL_FIELDS_WITH_PASS', 'fail_msg'],
    ]);
  });

  it('accepts the minimal body of the three required fields without warnings', () => {
    const parsed = parseNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' });
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps unknown fields and reports them, never drops them', () => {
    const body = { ...SEED_EXAMPLE, trace_id: 'T-1', extra: { nested: [1, 'two'] } };
    const parsed = parseNotification(body);
    expect(parsed.unknownFields.trace_id).toBe('T-1');
    expect(parsed.unknownFields.extra).toEqual({ nested: [1, 'two'] });
    expect(Object.keys(parsed.unknownFields)).toEqual(['trace_id', 'extra']);
    // The notification holds the documented fields only, each as sent.
    expect(parsed.notification).toEqual(SEED_EXAMPLE);
    expect(parsed.warnings.filter((w) => w.code === 'UNKNOWN_FIELD').map((w) => w.field)).toEqual(['trace_id', 'extra']);
  });

  it('keeps a "__proto__" field as data and reports it, without changing the prototype', () => {
    const parsed = parseNotification(JSON.parse('{"out_request_no":"R1","mchid":"1","audit_result":"PASS","__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(parsed.notification)).toBe(Object.prototype);
    expect((parsed.notification as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(parsed.unknownFields)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed.unknownFields)).toBeNull();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(parsed.notification)).toBe('{"out_request_no":"R1","mchid":"1","audit_result":"PASS"}');
    expect(JSON.stringify(parsed.unknownFields)).toBe('{"__proto__":{"polluted":true}}');
  });

  it.each(['out_request_no', 'mchid', 'audit_result'])('rejects a body without %s with PARAM_ERROR naming it', (field) => {
    const body: Record<string, unknown> = { ...SEED_EXAMPLE };
    delete body[field];
    const error = paramError(body);
    expect(error.detail).toMatchObject({ field, issue: 'is required', location: 'body' });
    expect(error.detail).not.toHaveProperty('value');
  });

  it('counts out_request_no in UTF-8 bytes: 21 CJK characters (63 bytes) pass, 22 (66 bytes) fail', () => {
    expect(parseNotification({ ...SEED_EXAMPLE, out_request_no: '单'.repeat(21) }).notification.out_request_no).toHaveLength(21);
    const error = paramError({ ...SEED_EXAMPLE, out_request_no: '单'.repeat(22) });
    expect(error.detail).toMatchObject({ field: 'out_request_no', location: 'body' });
    expect(String(error.detail?.issue)).toContain('66 bytes');
    expect(String(error.detail?.issue)).toContain('64');
    expect(error.message).toContain('资料更新请求单号');
  });

  it.each([
    ['out_request_no', 64],
    ['fail_code', 32],
    ['fail_msg', 1024],
  ] as const)('accepts %s at exactly %i bytes and rejects one byte more', (field, max) => {
    expect(safeParseNotification({ ...SEED_EXAMPLE, audit_result: 'REJECT', [field]: 'a'.repeat(max) }).ok).toBe(true);
    const error = paramError({ ...SEED_EXAMPLE, [field]: `${'a'.repeat(max - 1)}é` });
    expect(error.detail?.field).toBe(field);
    expect(String(error.detail?.issue)).toContain(`${max + 1} bytes`);
  });

  it.each(['out_request_no', 'mchid', 'attach_info', 'fail_code', 'fail_msg'])('rejects a 4-byte character (emoji) in %s', (field) => {
    const error = paramError({ ...SEED_EXAMPLE, [field]: 'ok😀' });
    expect(error.detail?.field).toBe(field);
    expect(String(error.detail?.issue)).toContain('U+1F600');
    expect(String(error.detail?.issue)).toContain('4-byte');
  });

  it('rejects a 4-byte character nested in an unknown field, naming its path', () => {
    const error = paramError({ ...SEED_EXAMPLE, extra: { list: ['fine', '𠀀'] } });
    expect(error.detail?.field).toBe('extra.list.1');
    expect(String(error.detail?.issue)).toContain('U+20000');
  });

  it('rejects a lone surrogate as having no UTF-8 form', () => {
    const error = paramError(JSON.parse('{"out_request_no":"a\\ud800b","mchid":"1","audit_result":"PASS"}'));
    expect(error.detail?.field).toBe('out_request_no');
    expect(String(error.detail?.issue)).toContain('lone surrogate');
  });

  it.each(['OK', 'pass', 'Reject', ''])('rejects audit_result %j with the allowed values in the issue', (value) => {
    const error = paramError({ ...SEED_EXAMPLE, audit_result: value });
    expect(error.detail).toMatchObject({ field: 'audit_result', value, location: 'body' });
    expect(String(error.detail?.issue)).toContain('PASS or REJECT');
  });

  it.each([
    ['2015-05-20 13:29:35+08:00', 'YYYY-MM-DDTHH:mm:ss'],
    ['2015-05-20T13:29:35', 'YYYY-MM-DDTHH:mm:ss'],
    ['2015-02-29T13:29:35+08:00', 'day 29'],
    ['2015-13-01T13:29:35+08:00', 'month 13'],
    ['2015-05-20T24:00:00Z', 'hour 24'],
    ['2015-05-20T13:29:35+24:00', 'offset'],
  ])('rejects audit_finish_time %j', (value, hint) => {
    const error = paramError({ ...SEED_EXAMPLE, audit_finish_time: value });
    expect(error.detail?.field).toBe('audit_finish_time');
    expect(String(error.detail?.issue)).toContain(hint);
  });

  it.each([1900016681, null, ['1900016681'], { id: 1 }])('rejects mchid of the wrong type %j', (value) => {
    const error = paramError({ ...SEED_EXAMPLE, mchid: value });
    expect(error.detail?.field).toBe('mchid');
    expect(String(error.detail?.issue)).toMatch(/^must be a string, got (number|null|array|object)$/);
  });

  it('rejects empty required identifiers', () => {
    expect(paramError({ ...SEED_EXAMPLE, out_request_no: '' }).detail?.issue).toBe('must not be empty');
    expect(paramError({ ...SEED_EXAMPLE, mchid: '' }).detail?.issue).toBe('must not be empty');
  });

  it.each([[null], [[]], ['{"a":1}'], [42]])('rejects a body that is not an object (%j) with field ""', (value) => {
    const error = paramError(value);
    expect(error.detail).toMatchObject({ field: '', location: 'body' });
    expect(String(error.detail?.issue)).toContain('must be a JSON object');
  });

  it('names the first bad field in the documentation’s order and lists every issue', () => {
    const error = paramError({ fail_msg: 'x'.repeat(2000), audit_result: 'NO', mchid: 1 });
    expect(error.detail?.field).toBe('out_request_no');
    expect((error.detail?.issues as { field: string }[]).map((i) => i.field)).toEqual([
      'out_request_no',
      'mchid',
      'audit_result',
      'fail_msg',
    ]);
    expect(error.message).toContain('(and 3 more)');
  });

  it('keeps the echoed value short', () => {
    const error = paramError({ ...SEED_EXAMPLE, fail_msg: 'x'.repeat(5000) });
    expect(String(error.detail?.value).length).toBeLessThanOrEqual(129);
  });

  it('throws from parseNotification what safeParseNotification returns', () => {
    expect(() => parseNotification({ mchid: '1', audit_result: 'PASS' })).toThrow(
      expect.objectContaining({ code: 'PARAM_ERROR', detail: expect.objectContaining({ field: 'out_request_no' }) }),
    );
  });

  it('never throws anything but PARAM_ERROR for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ out_request_no: fc.string(), mchid: fc.string(), audit_result: fc.constantFrom('PASS', 'REJECT', 'x') })), (value) => {
        const result = safeParseNotification(value);
        if (!result.ok) expect(result.error.code).toBe('PARAM_ERROR');
      }),
    );
  });

  it('accepts every valid notification and serialises it to bytes that parse back equal (property)', () => {
    const bmpText = (maxLength: number) =>
      fc.string({ unit: fc.oneof(fc.constantFrom('a', 'Z', '0', '-', '_', ' ', '"', '\\', '\n'), fc.constantFrom('单', '号', 'é', '€')), maxLength });
    const valid = fc.record(
      {
        out_request_no: bmpText(21).filter((s) => s.length > 0),
        mchid: fc.stringMatching(/^[0-9]{1,12}$/),
        audit_result: fc.constantFrom('PASS' as const, 'REJECT' as const),
        audit_finish_time: fc.constantFrom('2015-05-20T13:29:35+08:00', '2024-02-29T23:59:59Z', '2025-09-15T09:30:00.123-05:30'),
        attach_info: bmpText(200),
        fail_code: bmpText(10),
        fail_msg: bmpText(300),
      },
      { requiredKeys: ['out_request_no', 'mchid', 'audit_result'] },
    );
    fc.assert(
      fc.property(valid, (notification) => {
        const bytes = serializeNotification(notification);
        const parsed = parseNotification(JSON.parse(new TextDecoder().decode(bytes)));
        expect(parsed.notification).toEqual(notification);
      }),
    );
  });
});

describe('lintNotification', () => {
  it('warns about a REJECT without fail_code and fail_msg', () => {
    const warnings = lintNotification({ out_request_no: 'R1', mchid: '1', audit_result: 'REJECT' });
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['REJECT_WITHOUT_FAIL_CODE', 'fail_code'],
      ['REJECT_WITHOUT_FAIL_MSG', 'fail_msg'],
    ]);
  });

  it('is silent for a complete REJECT', () => {
    expect(lintNotification({ out_request_no: 'R1', mchid: '1', audit_result: 'REJECT', fail_code: '1001', fail_msg: 'IDCARD_ILLEGAL' })).toEqual([]);
  });

  it('warns about each unknown field', () => {
    expect(lintNotification({ out_request_no: 'R1', mchid: '1', audit_result: 'PASS', outRequestNo: 'R1' })).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FIELD', field: 'outRequestNo' }),
    ]);
  });
});

describe('field metadata', () => {
  it("lists every field of the endpoint's documentation in the documentation's order with its Chinese label and limits", () => {
    expect(NOTIFICATION_FIELDS.map((f) => [f.name, f.required, f.labelZh, f.maxBytes])).toEqual([
      ['out_request_no', true, '资料更新请求单号', 64],
      ['mchid', true, '商户号', undefined],
      ['audit_result', true, '审核结果', undefined],
      ['audit_finish_time', false, '审核完成时间', undefined],
      ['attach_info', false, '业务附属信息', undefined],
      ['fail_code', false, '审核驳回错误码', 32],
      ['fail_msg', false, '审核驳回错误原因', 1024],
    ]);
    expect(fieldMeta('audit_result')?.enum).toEqual(['PASS', 'REJECT']);
    expect(fieldMeta('audit_result')?.enumValues?.map((v) => v.labelZh)).toEqual(['审核通过', '审核驳回']);
    expect(ANSWER_FIELDS.map((f) => [f.name, f.required, f.labelZh])).toEqual([['ret_msg', false, '接口返回信息']]);
  });

  it("every field's example is valid on its own", () => {
    const example = Object.fromEntries(NOTIFICATION_FIELDS.map((f) => [f.name, f.example]));
    expect(notificationSchema.safeParse(example).success).toBe(true);
  });
});

describe('answer and error body schemas', () => {
  it('accepts {"ret_msg":"SUCC"}, an empty answer, and keeps unknown keys', () => {
    expect(answerSchema.parse({ ret_msg: 'SUCC' })).toEqual({ ret_msg: 'SUCC' });
    expect(answerSchema.parse({})).toEqual({});
    expect(answerSchema.parse({ ret_msg: 'SUCC', x: 1 })).toEqual({ ret_msg: 'SUCC', x: 1 });
  });

  it('rejects a non-string ret_msg and an emoji in it', () => {
    expect(answerSchema.safeParse({ ret_msg: 1 }).success).toBe(false);
    expect(answerSchema.safeParse({ ret_msg: '🙂' }).success).toBe(false);
  });

  it('accepts an APIv3 error body and rejects one without code', () => {
    expect(errorBodySchema.parse({ code: 'PARAM_ERROR', message: 'm', detail: { field: 'mchid' } }).detail).toEqual({ field: 'mchid' });
    expect(errorBodySchema.safeParse({ message: 'm' }).success).toBe(false);
    expect(errorBodySchema.safeParse({ code: 'X', message: 'm', detail: 'text' }).success).toBe(false);
  });
});

describe('utf8ByteLength, findUnsupportedCharacter, rfc3339', () => {
  it('agrees with TextEncoder on well-formed strings (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }));
  });

  it('agrees with TextEncoder on strings with lone surrogates (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }));
  });

  it('finds exactly the characters outside the BMP (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const hasAstral = [...s].some((c) => (c.codePointAt(0) ?? 0) > 0xffff);
        expect(findUnsupportedCharacter(s) !== undefined).toBe(hasAstral);
      }),
    );
  });

  it('accepts leap days only in leap years', () => {
    expect(isRfc3339DateTime('2024-02-29T00:00:00+08:00')).toBe(true);
    expect(isRfc3339DateTime('2000-02-29T00:00:00Z')).toBe(true);
    expect(rfc3339Issue('1900-02-29T00:00:00Z')).toBe('day 29 does not exist in 1900-02');
    expect(rfc3339Issue('2025-04-31T00:00:00Z')).toBe('day 31 does not exist in 2025-04');
  });

  it('agrees with Date on every valid instant it produces (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(isRfc3339DateTime(d.toISOString())).toBe(true);
      }),
    );
  });
});
