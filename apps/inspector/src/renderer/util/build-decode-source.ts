import type { DecodeSource } from '../../shared/api.js';
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

/**
 * Turns the Decode pane's input into the API's `DecodeSource`. For "headers + body" the text is split
 * at the first empty line.
 *
 * @example
 * buildDecodeSource('auto', 'curl -X POST …', ''); // { kind: 'curl', text: 'curl -X POST …' }
 */
export function buildDecodeSource(kind: DecodeKind, text: string, apiV3Key: string): DecodeSource {
  const k = kind === 'auto' ? detectDecodeKind(text) : kind;
  switch (k) {
    case 'curl':
      return { kind: 'curl', text };
    case 'answer':
      return { kind: 'answer', text };
    case 'raw-http':
      return { kind: 'raw-http', text };
    case 'callback':
      return { kind: 'callback', text, ...(apiV3Key ? { apiV3Key } : {}) };
    case 'parts': {
      const m = /\r?\n\r?\n/.exec(text);
      const headers = m ? text.slice(0, m.index) : text;
      const body = m ? text.slice(m.index + m[0].length) : '';
      return { kind: 'parts', headers, body };
    }
  }
}
