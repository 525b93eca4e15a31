// Field metadata of the endpoint's documentation (docs/protocol.md §1, 请求参数 / 应答参数), in the order the documentation lists
// them: the one source for labels in UIs, for PARAM_ERROR messages and for the byte limits of the schema.

/**
 * One allowed value of an enumerated field, with the documentation's labels.
 *
 * @example
 * ```ts
 * const pass: FieldEnumValue = { value: 'PASS', labelZh: '审核通过', labelEn: 'Approved' };
 * ```
 */
export interface FieldEnumValue {
  readonly value: string;
  readonly labelZh: string;
  readonly labelEn: string;
}

/**
 * What a UI or an error message needs to know about one JSON field.
 *
 * @example
 * ```ts
 * for (const field of NOTIFICATION_FIELDS) console.log(`${field.labelZh} (${field.name})${field.required ? ' *' : ''}`);
 * ```
 */
export interface FieldMeta {
  /** JSON field name, e.g. `out_request_no`. */
  readonly name: string;
  readonly required: boolean;
  readonly type: 'string';
  /** The documentation's label, e.g. `资料更新请求单号`. */
  readonly labelZh: string;
  readonly labelEn: string;
  /** What the field means and how to fill it (English). */
  readonly description: string;
  /** The documentation's own description (Chinese). */
  readonly descriptionZh: string;
  /** Upper limit in UTF-8 bytes (the documentation's `string(n)`). */
  readonly maxBytes?: number;
  /** Allowed values, for enumerated fields. */
  readonly enum?: readonly string[];
  /** Labels of the allowed values, in the order of `enum`. */
  readonly enumValues?: readonly FieldEnumValue[];
  /** A named format the value must follow. */
  readonly format?: 'rfc3339';
  /** The documentation's example value. */
  readonly example: string;
}

/**
 * The notification's fields (request body of the endpoint) with labels, limits and the documentation's examples.
 *
 * @example
 * ```ts
 * const field = NOTIFICATION_FIELDS.find((f) => f.name === 'out_request_no');
 * field?.labelZh; // '资料更新请求单号'
 * field?.maxBytes; // 64
 * ```
 */
export const NOTIFICATION_FIELDS: readonly FieldMeta[] = [
  {
    name: 'out_request_no',
    required: true,
    type: 'string',
    labelZh: '资料更新请求单号',
    labelEn: 'Data-update request number',
    description: 'Number of the data-update request this audit result belongs to; retries reuse it.',
    descriptionZh: '资料更新请求单号',
    maxBytes: 64,
    example: 'htozr8denqegbt6tk6u10iymo7yww5pn',
  },
  {
    name: 'mchid',
    required: true,
    type: 'string',
    labelZh: '商户号',
    labelEn: 'Merchant id',
    description: 'WeChat Pay merchant id the request was made for.',
    descriptionZh: '微信支付商户号',
    example: '1900016681',
  },
  {
    name: 'audit_result',
    required: true,
    type: 'string',
    labelZh: '审核结果',
    labelEn: 'Audit result',
    description: 'PASS when the update was approved, REJECT when it was rejected.',
    descriptionZh: '审核通过/审核驳回',
    enum: ['PASS', 'REJECT'],
    enumValues: [
      { value: 'PASS', labelZh: '审核通过', labelEn: 'Approved' },
      { value: 'REJECT', labelZh: '审核驳回', labelEn: 'Rejected' },
    ],
    example: 'PASS',
  },
  {
    name: 'audit_finish_time',
    required: false,
    type: 'string',
    labelZh: '审核完成时间',
    labelEn: 'Audit finish time',
    description: 'When the audit finished, RFC 3339 with an offset, e.g. 2015-05-20T13:29:35+08:00 (Beijing time).',
    descriptionZh: '审核完成时间。遵循rfc3339标准格式,格式为YYYY-MM-DDTHH:mm:ss+TIMEZONE',
    format: 'rfc3339',
    example: '2015-05-20T13:29:35+08:00',
  },
  {
    name: 'attach_info',
    required: false,
    type: 'string',
    labelZh: '业务附属信息',
    labelEn: 'Attached business info',
    description: "The caller's attached business information, returned as given.",
    descriptionZh: '业务附属信息',
    example: 'updateidcard',
  },
  {
    name: 'fail_code',
    required: false,
    type: 'string',
    labelZh: '审核驳回错误码',
    labelEn: 'Rejection code',
    description: 'Error code of the rejection; sent when audit_result is REJECT.',
    descriptionZh: '审核驳回时',
    maxBytes: 32,
    example: '1001',
  },
  {
    name: 'fail_msg',
    required: false,
    type: 'string',
    labelZh: '审核驳回错误原因',
    labelEn: 'Rejection reason',
    description: 'Why the update was rejected; sent when audit_result is REJECT.',
    descriptionZh: '审核驳回时传入',
    maxBytes: 1024,
    example: 'IDCARD_ILLEGAL',
  },
];

/**
 * The answer's fields (200 OK body of the endpoint).
 *
 * @example
 * ```ts
 * ANSWER_FIELDS[0]?.labelZh; // '接口返回信息'
 * ```
 */
export const ANSWER_FIELDS: readonly FieldMeta[] = [
  {
    name: 'ret_msg',
    required: false,
    type: 'string',
    labelZh: '接口返回信息',
    labelEn: 'Return message',
    description: 'Message of the answer, usually SUCC.',
    descriptionZh: '接口返回信息',
    example: 'SUCC',
  },
];

const NOTIFICATION_FIELD_NAMES: ReadonlySet<string> = new Set(NOTIFICATION_FIELDS.map((f) => f.name));

/**
 * Whether `name` is a field of the notification in the endpoint's documentation: the one test of "unknown field"
 * that the schema, the parser and lint share.
 *
 * @example
 * ```ts
 * isNotificationField('fail_code'); // true
 * isNotificationField('trace_id'); // false
 * ```
 */
export function isNotificationField(name: string): boolean {
  return NOTIFICATION_FIELD_NAMES.has(name);
}

/**
 * Looks up a notification or answer field by JSON name.
 *
 * @example
 * ```ts
 * fieldMeta('fail_msg')?.maxBytes; // 1024
 * fieldMeta('nope'); // undefined
 * ```
 */
export function fieldMeta(name: string): FieldMeta | undefined {
  return NOTIFICATION_FIELDS.find((f) => f.name === name) ?? ANSWER_FIELDS.find((f) => f.name === name);
}
