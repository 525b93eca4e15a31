/**
 * Turns what the integrator pasted into one HTTP request or response: raw HTTP, a curl command, separate
 * headers + body, or a request the local receiver recorded. Parsing is core's (`parseRawHttpRequest`,
 * `parseCurlCommand`, `parseRawHttpResponse`); errors are core's `DECODE_FAILED`.
 */
import { parseCurlCommand, parseRawHttpRequest, parseRawHttpResponse } from '@auditnotify/core';
import type { DecodeSource } from '../../shared/api.js';
import { bytesOf, utf8 } from './bytes.js';
import { fail } from './errors.js';
import { canonicalUrl } from './request-target.js';

/**
 * A decoded request: method, path + query as sent, lower-case headers, exact body bytes.
 *
 * @example
 * ```ts
 * const request = parseDecodeSource({ kind: 'raw-http', text }, () => undefined) as DecodedRequest;
 * request.headers['authorization'];
 * ```
 */
export interface DecodedRequest {
  kind: 'request' | 'callback';
  method: string;
  url: string;
  httpVersion?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * A decoded answer.
 *
 * @example
 * ```ts
 * const answer = parseDecodeSource({ kind: 'answer', text }, () => undefined) as DecodedResponse;
 * answer.status; // 200
 * ```
 */
export interface DecodedResponse {
  kind: 'answer';
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Parses a decode source.
 *
 * @example
 * ```ts
 * const decoded = parseDecodeSource({ kind: 'curl', text: "curl -X POST https://api.mch.weixin.qq.com/v3/x -d '{}'" }, () => undefined);
 * decoded.kind; // 'request'
 * ```
 */
export function parseDecodeSource(
  source: DecodeSource,
  recordedRequest: (eventId: string) => Uint8Array | undefined,
): DecodedRequest | DecodedResponse {
  switch (source.kind) {
    case 'raw-http':
      return { kind: 'request', ...fromRaw(parseRawHttpRequest(rawOf(source))) };
    case 'callback':
      return { kind: 'callback', ...fromRaw(parseRawHttpRequest(rawOf(source))) };
    case 'curl':
      return { kind: 'request', ...fromRaw(parseCurlCommand(source.text)) };
    case 'receiver-event': {
      const raw = recordedRequest(source.eventId);
      if (!raw) fail('NOT_FOUND', `No recorded request has the id ${source.eventId}.`, { id: source.eventId });
      return { kind: 'request', ...fromRaw(parseRawHttpRequest(raw)) };
    }
    case 'answer': {
      const response = parseRawHttpResponse(rawOf(source));
      return { kind: 'answer', status: response.status, headers: lowerCase(response.headers), body: response.body };
    }
    case 'parts':
      return {
        kind: 'request',
        method: (source.method ?? 'POST').toUpperCase(),
        url: canonicalUrl(source.url),
        headers: typeof source.headers === 'string' ? headerLines(source.headers) : lowerCase(source.headers),
        body: source.bodyBase64 !== undefined ? bytesOf({ base64: source.bodyBase64 }) : utf8(source.body ?? ''),
      };
  }
}

function rawOf(source: { text?: string | undefined; base64?: string | undefined }): string | Uint8Array {
  if (source.base64 !== undefined) return bytesOf({ base64: source.base64 });
  if (source.text !== undefined) return source.text;
  fail('INVALID_INPUT', 'Give the text or the Base64 bytes to decode.', { field: 'text' });
}

function fromRaw(raw: { method: string; url: string; httpVersion?: string; headers: Record<string, string>; body: Uint8Array }): Omit<DecodedRequest, 'kind'> {
  return {
    method: raw.method,
    url: raw.url,
    ...(raw.httpVersion ? { httpVersion: raw.httpVersion } : {}),
    headers: lowerCase(raw.headers),
    body: raw.body,
  };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Header lines (`Name: value`) into a lower-case map; blank lines and lines without a colon are skipped.
 *
 * @example
 * ```ts
 * headerLines('Authorization: WECHATPAY2-SHA256-RSA2048 …\nAccept: application/json'); // { authorization: '…', accept: 'application/json' }
 * ```
 */
export function headerLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
