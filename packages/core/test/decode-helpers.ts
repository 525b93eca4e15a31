import { expect } from 'vitest';
import { AuditNotifyError } from '../src/errors.js';

/** Runs a decoder that must fail, asserts it threw DECODE_FAILED (and nothing else), and returns the error. */
export function decodeFailure(run: () => unknown): AuditNotifyError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect((error as AuditNotifyError).code).toBe('DECODE_FAILED');
    return error as AuditNotifyError;
  }
  throw new Error('expected DECODE_FAILED');
}
