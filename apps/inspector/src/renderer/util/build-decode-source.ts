import type { DecodeSource } from '../../shared/api.js';
import type { DecodeKind } from '../state/workbench-context.js';
import { detectDecodeKind } from './detect-decode-kind.js';

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
