/**
 * Splits what `--url` was given into the server origin (if any) and the path+query that is signed.
 * The path+query is cut out of the text as typed, never re-encoded (protocol.md §3: the canonical URL is
 * exactly what goes on the wire).
 */
import { usageError } from '../usage-error.js';

/**
 * `--url` split: `origin` is absent for a bare path.
 *
 * @example
 * ```ts
 * const { origin, pathAndQuery }: SplitUrl = splitUrl(flags.url);
 * ```
 */
export interface SplitUrl {
  origin?: string;
  pathAndQuery: string;
}

/**
 * Splits `https://host:port/path?q` into `{ origin: 'https://host:port', pathAndQuery: '/path?q' }`;
 * a value starting with `/` is a bare path. Anything else is a usage error.
 *
 * @example
 * ```ts
 * splitUrl('http://127.0.0.1:8080/v3/notify?a=1'); // { origin: 'http://127.0.0.1:8080', pathAndQuery: '/v3/notify?a=1' }
 * splitUrl('/v3/notify'); // { pathAndQuery: '/v3/notify' }
 * ```
 */
export function splitUrl(value: string, flag = '--url'): SplitUrl {
  if (value.startsWith('/')) return { pathAndQuery: value.replace(/#.*$/s, '') };
  const match = /^(https?:\/\/[^/?#]+)([^#]*)/i.exec(value);
  if (match === null) throw usageError(`${flag} must be a path (/v3/…) or an http(s) URL`, { flag });
  const origin = match[1] ?? '';
  try {
    new URL(origin);
  } catch {
    throw usageError(`${flag} has an invalid host: ${origin}`, { flag });
  }
  const rest = match[2] ?? '';
  return { origin, pathAndQuery: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest };
}
