import { AuditNotifyError } from '../errors.js';
import type { ReceiverOptions } from '../receiver/index.js';

/**
 * How the URL the app sees differs from the URL the sender signed, when a reverse proxy sits in between
 * (protocol.md §3: the signature covers the path and query exactly as the sender sent them).
 *
 * @example
 * ```ts
 * // The proxy forwards https://pay.example.com/api/v3/... to the app as /v3/...: add the prefix back.
 * const proxyPrefix: ProxyPrefix = { add: '/api' };
 * ```
 */
export interface ProxyPrefix {
  /** Removed from the start of the URL the app received (a proxy that added it). */
  strip?: string;
  /** Put in front of the URL the app received, after `strip` (a proxy that removed it). */
  add?: string;
}

/**
 * Options of an HTTP adapter: everything of the core `ReceiverOptions`, plus the adapter's own.
 *
 * @example
 * ```ts
 * const options: AdapterOptions = { senders, answerKeys, handler, proxyPrefix: { strip: '/internal' } };
 * ```
 */
/**
 * Passed to `onAborted` when a client closes the connection before its body arrived: nothing was verified, so
 * nothing is answered and no other hook runs.
 *
 * @example
 * ```ts
 * const onAborted = (event: AbortedEvent) => log.info('sender went away', event.receivedBytes, event.declaredBytes);
 * ```
 */
export interface AbortedEvent {
  /** The URL as the sender signed it (after `proxyPrefix`). */
  url: string;
  /** Body bytes that arrived before the connection closed. */
  receivedBytes: number;
  /** The request's `Content-Length`, when it declared one. */
  declaredBytes?: number;
}

export interface AdapterOptions extends ReceiverOptions {
  /** Rewrites the received URL into the signed one; see {@link ProxyPrefix}. */
  proxyPrefix?: ProxyPrefix;
  /** Where set-up problems found while serving (a body parser mounted first) are explained. Default: `console`. */
  logger?: { warn(message: string): void };
  /**
   * Called when a client disconnects mid-body, in every adapter alike (the framework's own error reporting is
   * kept out of it). Default: nothing. Errors it throws are ignored.
   */
  onAborted?: (event: AbortedEvent) => void;
}

/**
 * Checks the adapter's own options (the core receiver checks the rest) and splits them off, so that bad
 * options throw `INVALID_OPTIONS` when the plugin is created, never while serving (docs/architecture.md, three tiers of failure).
 *
 * @example
 * ```ts
 * const { receiverOptions, rewriteUrl, logger } = splitAdapterOptions(options);
 * rewriteUrl('/v3/x?y=1');
 * ```
 */
export function splitAdapterOptions(options: AdapterOptions): {
  receiverOptions: ReceiverOptions;
  rewriteUrl: (received: string) => string;
  logger: { warn(message: string): void };
  onAborted: ((event: AbortedEvent) => void) | undefined;
} {
  if (typeof options !== 'object' || options === null) invalid('options must be an object');
  const { proxyPrefix, logger = console, onAborted, ...receiverOptions } = options;
  if (onAborted !== undefined && typeof onAborted !== 'function') invalid('onAborted must be a function');
  if (proxyPrefix !== undefined) {
    if (typeof proxyPrefix !== 'object' || proxyPrefix === null) invalid('proxyPrefix must be { strip?, add? }');
    for (const key of Object.keys(proxyPrefix)) {
      if (key !== 'strip' && key !== 'add') invalid(`proxyPrefix.${key} is not an option (use strip or add)`);
    }
    for (const key of ['strip', 'add'] as const) {
      const value: unknown = proxyPrefix[key];
      if (value !== undefined && (typeof value !== 'string' || !/^\/\S*[^/\s]$/.test(value))) {
        invalid(`proxyPrefix.${key} must be a path starting with "/" and not ending with "/", e.g. "/api"`);
      }
    }
  }
  if (typeof logger?.warn !== 'function') invalid('logger must have a warn(message) method');
  const { strip, add = '' } = proxyPrefix ?? {};
  const rewriteUrl = (received: string): string => {
    let url = received;
    if (strip !== undefined && url.startsWith(strip) && /^(?:$|[/?])/.test(url.slice(strip.length))) {
      url = url.slice(strip.length);
      if (!url.startsWith('/')) url = `/${url}`;
    }
    return add + url;
  };
  return { receiverOptions, rewriteUrl, logger, onAborted };
}

function invalid(message: string): never {
  throw new AuditNotifyError('INVALID_OPTIONS', message, { detail: { location: 'options' } });
}
