// Decoders of captured or pasted HTTP: raw requests, raw responses and curl commands (for the CLI's
// `decode` and the inspector). They throw nothing but AuditNotifyError('DECODE_FAILED').
export { parseRawHttpRequest, type RawHttpRequest } from './raw-http-request.js';
export { parseRawHttpResponse, type RawHttpResponse } from './raw-http-response.js';
export { parseCurlCommand } from './curl-command.js';
