// Schemas of the audit-result notification, its answer and APIv3 error bodies (protocol.md §1–2).
export { notificationSchema, MAX_JSON_NESTING, type AuditResultNotification, type AuditResult, type NotificationFields, type UnknownFields } from './notification-schema.js';
export { answerSchema, errorBodySchema, type NotifyAnswer, type ErrorBody } from './answer-schema.js';
export {
  parseNotification,
  safeParseNotification,
  type ParsedNotification,
  type SafeParseNotificationResult,
  type FieldIssue,
} from './parse-notification.js';
export { lintNotification, unknownFieldsOf, type LintWarning } from './lint-notification.js';
export { NOTIFICATION_FIELDS, ANSWER_FIELDS, fieldMeta, isNotificationField, type FieldMeta, type FieldEnumValue } from './fields.js';
export { utf8ByteLength, findUnsupportedCharacter, type UnsupportedCharacter } from './utf8.js';
export { rfc3339Issue, isRfc3339DateTime } from './rfc3339.js';
export { serializeNotification } from './serialize-notification.js';
