/**
 * `@auditnotify/core`: schemas, the WECHATPAY2-SHA256-RSA2048 signing engine, key loading, the sending
 * client and the framework-free receiver pipeline for the WeChat Pay APIv3 audit-result notification
 * (`POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify`).
 *
 * Test helpers live at `@auditnotify/core/testing`.
 */
export * from './errors.js';
export * from './protocol/index.js';
export type * from './types.js';
export * from './schema/index.js';
export * from './decode/index.js';
export * from './signing/index.js';
export * from './engines/index.js';
export * from './diagnose/index.js';
export * from './keys/index.js';
export * from './envelope/index.js';
export * from './client/index.js';
export * from './receiver/index.js';
