import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAuditNotifyError } from '../src/errors.js';
import { splitAdapterOptions, type AdapterOptions } from '../src/node/index.js';

const base = { senders: [], answerKeys: [], handler: () => undefined } as unknown as AdapterOptions;
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
const query = fc.option(fc.stringMatching(/^[A-Za-z0-9=&%]{0,20}$/), { nil: undefined });
const url = fc.tuple(path, query).map(([p, q]) => (q === undefined ? p : `${p}?${q}`));

function codeOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return isAuditNotifyError(error) ? error.code : error;
  }
  return undefined;
}

describe('proxyPrefix rewriting', () => {
  it('leaves every URL unchanged without a proxy prefix', () => {
    const { rewriteUrl } = splitAdapterOptions(base);
    fc.assert(fc.property(url, (u) => rewriteUrl(u) === u));
  });

  it('strips a prefix a proxy added, and only on a segment boundary', () => {
    fc.assert(
      fc.property(path, url, (prefix, u) => {
        const { rewriteUrl } = splitAdapterOptions({ ...base, proxyPrefix: { strip: prefix } });
        expect(rewriteUrl(prefix + u)).toBe(u);
        // "/api" must not eat the start of "/apiv3/…".
        expect(rewriteUrl(`${prefix}x${u}`)).toBe(`${prefix}x${u}`);
      }),
    );
  });

  it('adds a prefix a proxy removed, after stripping', () => {
    fc.assert(
      fc.property(path, path, url, (strip, add, u) => {
        const { rewriteUrl } = splitAdapterOptions({ ...base, proxyPrefix: { strip, add } });
        expect(rewriteUrl(strip + u)).toBe(add + u);
      }),
    );
  });

  it('keeps the query string byte for byte', () => {
    const { rewriteUrl } = splitAdapterOptions({ ...base, proxyPrefix: { strip: '/internal' } });
    expect(rewriteUrl('/internal?a=%E4%B8%AD&b=1,2')).toBe('/?a=%E4%B8%AD&b=1,2');
  });
});

describe('adapter options at start-up', () => {
  it.each([
    [{ strip: 'internal' }, 'no leading slash'],
    [{ add: '/api/' }, 'a trailing slash'],
    [{ strip: '/' }, 'the root'],
    [{ remove: '/x' }, 'an unknown key'],
  ])('refuses proxyPrefix %j (%s) with INVALID_OPTIONS', (proxyPrefix, _why) => {
    expect(codeOf(() => splitAdapterOptions({ ...base, proxyPrefix: proxyPrefix as AdapterOptions['proxyPrefix'] }))).toBe(
      'INVALID_OPTIONS',
    );
  });

  it('refuses a logger without warn() with INVALID_OPTIONS', () => {
    expect(codeOf(() => splitAdapterOptions({ ...base, logger: {} as { warn(message: string): void } }))).toBe('INVALID_OPTIONS');
  });

  it('hands every other option to the core receiver untouched', () => {
    const onRejected = (): void => undefined;
    const { receiverOptions } = splitAdapterOptions({ ...base, bodyLimit: 10, onRejected, proxyPrefix: { add: '/a' } });
    expect(receiverOptions).toEqual({ ...base, bodyLimit: 10, onRejected });
  });
});
