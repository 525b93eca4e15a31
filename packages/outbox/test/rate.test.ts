// The global limit's arithmetic: the spacing of starts keeps the tolerance in reserve, and a bad rate is refused.
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '@auditnotify/core';
import { resolveRate } from '../src/create-outbox.js';
import { paceIntervalMs } from '../src/pace.js';
import { maxInWindow } from './helpers/receiver.js';

describe('the pace of the global limit', () => {
  it('defaults to 200 a minute with 1% of the minute as tolerance', () => {
    expect(resolveRate(undefined)).toEqual({ max: 200, durationMs: 60_000, toleranceMs: 600 });
    expect(paceIntervalMs(resolveRate(undefined) as Exclude<ReturnType<typeof resolveRate>, false>)).toBe(303);
    expect(resolveRate({ perMinute: 1_200, toleranceMs: 0 })).toEqual({ max: 1_200, durationMs: 60_000, toleranceMs: 0 });
    expect(resolveRate(false)).toBe(false);
  });

  it('keeps max arrivals per window when any arrival is late by up to the tolerance', () => {
    const rate = { max: 20, durationMs: 1_000, toleranceMs: 250 };
    const interval = paceIntervalMs(rate);
    // Starts on the pace; every other arrival as late as the tolerance allows, the worst case for a window.
    const arrivals = Array.from({ length: 200 }, (_, i) => i * interval + (i % 2 === 0 ? rate.toleranceMs - 1e-6 : 0));
    expect(maxInWindow(arrivals, rate.durationMs)).toBeLessThanOrEqual(rate.max);
    // Without the reserve the same lateness puts one arrival too many into a window.
    const tight = Array.from({ length: 200 }, (_, i) => i * (rate.durationMs / rate.max) + (i % 21 === 0 ? 10 : 0));
    expect(maxInWindow(tight, rate.durationMs)).toBe(rate.max + 1);
  });

  it.each([
    [{ perMinute: 0 }],
    [{ perMinute: 1.5 }],
    [{ max: 10, durationMs: 0 }],
    [{ max: 10, durationMs: 1_000, toleranceMs: -1 }],
    [{ perMinute: 200, toleranceMs: Number.NaN }],
    ['200/min'],
  ])('refuses %j with INVALID_OPTIONS', (rate) => {
    const error = (() => {
      try {
        resolveRate(rate as never);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isAuditNotifyError(error) && error.code).toBe('INVALID_OPTIONS');
  });
});
