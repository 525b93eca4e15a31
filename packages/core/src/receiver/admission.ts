/**
 * How the receiver admits one request to its stores (stores.ts, {@link Admit}): a backend's own one-operation
 * admission when it declared one for exactly the stores the receiver was given, else the steps one by one.
 */
import type { Admit, Inbox, NonceStore, RateLimiter, ReceiverStores } from './stores.js';

const ADMISSION = Symbol.for('@auditnotify/core.admission');

interface LinkedAdmission {
  admit: Admit;
  rateLimiter: RateLimiter;
  inbox: Inbox;
}

/**
 * Declares that `admit` does the work of these three stores in one operation. The receiver uses it when the
 * stores it was given are these (or it was given no rate limiter, or no inbox); given another backend's
 * limiter or inbox, it runs the steps one by one. Returns `stores`.
 *
 * @example
 * ```ts
 * return linkAdmission({ nonceStore, rateLimiter, inbox, close }, (request) => transaction(request));
 * ```
 */
export function linkAdmission<S extends Omit<ReceiverStores, 'close'>>(stores: S, admit: Admit): S {
  const link: LinkedAdmission = { admit, rateLimiter: stores.rateLimiter, inbox: stores.inbox };
  Object.defineProperty(stores.nonceStore, ADMISSION, { value: link, enumerable: false });
  return stores;
}

/**
 * The {@link Admit} a receiver uses over its stores: the backend's own when {@link linkAdmission} declared one
 * for exactly these stores, else the steps one after another.
 *
 * @example
 * ```ts
 * const admit = admissionOf(nonceStore, rateLimiter, inbox);
 * ```
 */
export function admissionOf(nonceStore: NonceStore, rateLimiter: RateLimiter | undefined, inbox: Inbox | undefined): Admit {
  const link = (nonceStore as { [ADMISSION]?: LinkedAdmission })[ADMISSION];
  if (link !== undefined && (rateLimiter === undefined || rateLimiter === link.rateLimiter) && (inbox === undefined || inbox === link.inbox)) {
    return link.admit;
  }
  return stepByStep(nonceStore, rateLimiter, inbox);
}

function stepByStep(nonceStore: NonceStore, rateLimiter: RateLimiter | undefined, inbox: Inbox | undefined): Admit {
  return async (request) => {
    if (!(await nonceStore.claim(request.nonceKey, request.nonceTtlSeconds))) return { nonce: 'replayed' };
    try {
      const rate = request.rate === undefined || rateLimiter === undefined ? undefined : await rateLimiter.take(request.rate.key);
      if (rate !== undefined && !rate.ok) {
        await nonceStore.release(request.nonceKey);
        return { nonce: 'fresh', rate };
      }
      const claim = request.inbox === undefined || inbox === undefined ? undefined : await inbox.claim(request.inbox.key, request.inbox.fieldsHash, request.inbox.leaseSeconds);
      return { nonce: 'fresh', ...(rate === undefined ? {} : { rate }), ...(claim === undefined ? {} : { inbox: claim }) };
    } catch (error) {
      // Nothing of this request is kept: its retry must not be refused as a replay.
      await nonceStore.release(request.nonceKey).catch(() => undefined);
      throw error;
    }
  };
}
