// The notification's shape has one definition (src/schema/notification-schema.ts): the type is derived from
// the schema, the schema takes its limits from the field table, and this test checks the three agree.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { NOTIFICATION_FIELDS, notificationSchema, parseNotification, type AuditResultNotification, type NotificationFields, type UnknownFields } from '../src/schema/index.js';
import type { NotifyContext } from '../src/receiver/index.js';
import type { Client } from '../src/client/index.js';

describe('the notification shape', () => {
  it('has the same fields, required the same way, in the schema and the field table', () => {
    expect(Object.keys(notificationSchema.shape)).toEqual(NOTIFICATION_FIELDS.map((f) => f.name));
    for (const field of NOTIFICATION_FIELDS) {
      const optional = notificationSchema.shape[field.name as keyof typeof notificationSchema.shape].safeParse(undefined).success;
      expect(optional, field.name).toBe(!field.required);
    }
  });

  it('types the fields from the schema', () => {
    expectTypeOf<NotificationFields['audit_result']>().toEqualTypeOf<'PASS' | 'REJECT'>();
    expectTypeOf<NotificationFields['out_request_no']>().toEqualTypeOf<string>();
    expectTypeOf<NotificationFields>().toHaveProperty('fail_msg');
    expectTypeOf<keyof NotificationFields>().toEqualTypeOf<'out_request_no' | 'mchid' | 'audit_result' | 'audit_finish_time' | 'attach_info' | 'fail_code' | 'fail_msg'>();
    expectTypeOf<ReturnType<typeof notificationSchema.parse>>().toMatchTypeOf<AuditResultNotification>();
  });

  it("types client.send's input: audit_result 'pass' does not compile", () => {
    expectTypeOf<Client['send']>().parameter(0).toEqualTypeOf<NotificationFields>();
    const send = (_notification: Parameters<Client['send']>[0]): void => undefined;
    // @ts-expect-error lower case is not an audit_result
    send({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'pass' });
    // @ts-expect-error out_request_no is required
    send({ mchid: '1900016681', audit_result: 'PASS' });
    send({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'REJECT', fail_msg: '身份证件不合法' });
  });

  it('types a received notification without an index signature: unknown fields are in their own property', () => {
    expectTypeOf<keyof AuditResultNotification>().toEqualTypeOf<keyof NotificationFields>();
    expectTypeOf<NotifyContext['notification']>().toEqualTypeOf<AuditResultNotification>();
    expectTypeOf<NotifyContext['unknownFields']>().toEqualTypeOf<UnknownFields>();
    const { notification, unknownFields } = parseNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS', trace_id: 'T-1' });
    // @ts-expect-error a field the documentation does not define is not on the notification
    expect(notification.trace_id).toBeUndefined();
    expect(unknownFields.trace_id).toBe('T-1');
    const handler = ({ notification: received }: NotifyContext): string => {
      // @ts-expect-error misspelt field names do not compile
      return received.audit_reslt as string;
    };
    expect(typeof handler).toBe('function');
  });
});
