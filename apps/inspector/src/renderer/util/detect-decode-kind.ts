import type { DecodeKind } from '../state/workbench-context.js';

/**
 * Guesses what was pasted: a curl command, an HTTP answer (`HTTP/1.1 200`), an HTTP request (request
 * line first; an APIv3 envelope with `resource.ciphertext` makes it a callback), else headers + body.
 *
 * @example
 * detectDecodeKind("curl -X POST https://…"); // 'curl'
 */
export function detectDecodeKind(text: string): Exclude<DecodeKind, 'auto'> {
  const head = text.trimStart();
  if (/^curl\s/i.test(head)) return 'curl';
  if (/^HTTP\/\d(\.\d)?\s+\d{3}/.test(head)) return 'answer';
  if (/^[A-Z]{3,7}\s+\S+(\s+HTTP\/\d(\.\d)?)?\r?\n/.test(head)) return /"ciphertext"\s*:/.test(text) ? 'callback' : 'raw-http';
  return 'parts';
}
