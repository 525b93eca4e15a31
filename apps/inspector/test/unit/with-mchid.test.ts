// A profile's mchid goes into the composed body without touching anything else of the text (it is what gets
// signed); the question asked before a send follows the backend guard's reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmationQuestion } from '../../src/renderer/util/confirmation-question.js';
import { withMchid } from '../../src/renderer/util/with-mchid.js';

describe('withMchid', () => {
  it('replaces the first mchid value and keeps spacing, order and the other members', () => {
    expect(withMchid('{\n  "out_request_no": "R1",\n  "mchid" :  "1",\n  "x": {"mchid": "2"}\n}', '1900016681')).toBe(
      '{\n  "out_request_no": "R1",\n  "mchid" :  "1900016681",\n  "x": {"mchid": "2"}\n}',
    );
    expect(withMchid('{"mchid":"1"}', '')).toBe('{"mchid":"1"}');
    expect(withMchid('{"a":1}', '1900016681')).toBe('{"a":1}');
  });

  it('keeps any JSON object parseable and sets its mchid (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => k !== 'mchid'), fc.string()), fc.string(), fc.stringMatching(/^\d{1,32}$/), fc.boolean(), (rest, old, mchid, pretty) => {
        const text = JSON.stringify({ mchid: old, ...rest }, null, pretty ? 2 : undefined);
        const parsed = JSON.parse(withMchid(text, mchid)) as Record<string, unknown>;
        expect(parsed).toEqual({ ...rest, mchid });
      }),
    );
  });
});

describe('confirmationQuestion', () => {
  it('asks for the reason the backend names, and nothing for other errors', () => {
    const detail = (reason: string) => ({ code: 'CONFIRMATION_REQUIRED', message: 'm', detail: { host: '127.0.0.1:1', reason } });
    expect(confirmationQuestion(detail('production-key'))).toEqual({ host: '127.0.0.1:1', message: 'profiles.confirmKey', yes: 'profiles.confirmYes' });
    expect(confirmationQuestion(detail('production-profile'))?.message).toBe('profiles.confirmProfile');
    expect(confirmationQuestion(detail('wechatpay-host'))).toMatchObject({ message: 'send.confirmProduction', yes: 'send.confirmYes' });
    expect(confirmationQuestion({ code: 'NETWORK_ERROR', message: 'm' })).toBeUndefined();
  });
});
