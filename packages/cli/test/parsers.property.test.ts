// Property tests of the CLI's own small parsers (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitUrl } from '../src/input/split-url.js';
import { explainMessage } from '../src/output/explain-message.js';
import { redact } from '../src/output/redact.js';

const pathChars = fc.constantFrom(...'abcXYZ019-_.~/%?=&+:@!$'.split(''));
const pathArb = fc.array(pathChars, { maxLength: 40 }).map((chars) => `/${chars.join('')}`);

describe('splitUrl', () => {
  it('keeps a bare path exactly as typed', () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        expect(splitUrl(path)).toEqual({ pathAndQuery: path });
      }),
    );
  });

  it('splits origin + path so that they join back to the input, never re-encoding', () => {
    const origin = fc
      .tuple(fc.constantFrom('http', 'https'), fc.constantFrom('127.0.0.1', 'localhost', 'api.mch.weixin.qq.com'), fc.option(fc.integer({ min: 1, max: 65535 })))
      .map(([scheme, host, port]) => `${scheme}://${host}${port === null ? '' : `:${port}`}`);
    fc.assert(
      fc.property(origin, pathArb, (o, path) => {
        const split = splitUrl(`${o}${path}`);
        expect(split.origin).toBe(o);
        expect(`${split.origin}${split.pathAndQuery}`).toBe(`${o}${path}`);
      }),
    );
  });

  it('throws USAGE_ERROR for anything that is neither a path nor an http(s) URL', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.startsWith('/') && !/^https?:\/\//i.test(s)), (value) => {
        expect(() => splitUrl(value)).toThrow(expect.objectContaining({ code: 'USAGE_ERROR' }) as Error);
      }),
    );
  });
});

describe('explainMessage', () => {
  it('shows one ␊ per line feed and the exact byte length, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = new TextEncoder().encode(text);
        const shown = explainMessage(bytes);
        expect(shown).toContain(`${bytes.byteLength} bytes`);
        expect(shown.split('␊').length - 1).toBe(text.split('\n').length - 1);
        // Control characters never reach the terminal raw.
        const raw = [...shown].filter((ch) => ch !== '\n' && (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f));
        expect(raw).toEqual([]);
      }),
    );
  });
});

describe('redact', () => {
  it('removes any PEM block and any long Base64 run', () => {
    fc.assert(
      fc.property(fc.base64String({ minLength: 68, maxLength: 400 }), fc.string({ maxLength: 20 }), (b64, prefix) => {
        const text = `${prefix}-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----`;
        expect(redact(text)).not.toContain(b64);
        expect(redact(`${prefix} ${b64}`)).not.toContain(b64.replace(/=+$/, ''));
      }),
    );
  });
});
