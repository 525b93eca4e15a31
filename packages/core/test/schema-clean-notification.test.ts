// parseNotification skips zod for a body that isCleanNotification accepts: the two must never disagree, or a
// body the schema refuses would reach the handler. Property test over bodies of documented fields with values
// near every rule's edge (empty, byte limits, 4-byte characters, lone surrogates, dates, enum case, types).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCleanNotification, notificationSchema } from '../src/schema/notification-schema.js';
import { parseNotification, safeParseNotification } from '../src/schema/index.js';

const text = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.constantFrom('', 'R1', 'a'.repeat(32), 'a'.repeat(33), 'a'.repeat(64), 'a'.repeat(65), '请求'.repeat(11), '😀', 'ok\ud800', '1900016681'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const times = fc.constantFrom('2015-05-20T13:29:35+08:00', '2015-05-20T13:29:35Z', '2015-02-29T13:29:35+08:00', '2016-02-29T00:00:00.5Z', '2015-05-20 13:29:35', '2015-05-20T24:00:00Z');
const anyValue = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean(), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 }));
const field = (values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: anyValue });

const body = fc.record(
  {
    out_request_no: field(text),
    mchid: field(text),
    audit_result: field(fc.constantFrom('PASS', 'REJECT', 'pass', 'Reject', '')),
    audit_finish_time: field(fc.oneof(times, text)),
    attach_info: field(text),
    fail_code: field(text),
    fail_msg: field(fc.oneof(text, fc.constant('失'.repeat(341)), fc.constant('失'.repeat(342)))),
  },
  { requiredKeys: [] },
  // A body as JSON.parse makes it: a plain object.
).map((value) => ({ ...value }));

describe('isCleanNotification', () => {
  it('accepts exactly what the schema accepts, for plain bodies of documented fields', () => {
    fc.assert(
      fc.property(body, (value) => {
        expect(isCleanNotification(value)).toBe(notificationSchema.safeParse(value).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves every other body to the schema, and parseNotification gives what the schema gives', () => {
    const valid = { out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' };
    expect(isCleanNotification(valid)).toBe(true);
    expect(isCleanNotification({ ...valid, extra: 1 })).toBe(false);
    expect(isCleanNotification(JSON.parse('{"out_request_no":"R1","mchid":"1900016681","audit_result":"PASS","__proto__":{}}'))).toBe(false);
    expect(isCleanNotification(Object.assign(Object.create(null) as object, valid))).toBe(false);
    expect(isCleanNotification([valid])).toBe(false);
    expect(isCleanNotification(null)).toBe(false);
    // An unknown field with a 4-byte character is refused by the schema's walk, which the fast path never skips.
    expect(safeParseNotification({ ...valid, extra: '😀' }).ok).toBe(false);
    expect(parseNotification({ ...valid, attach_info: 'x' })).toEqual({ notification: { ...valid, attach_info: 'x' }, unknownFields: {}, warnings: [] });
  });
});
