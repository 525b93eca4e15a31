// JSON nesting is capped (MAX_JSON_NESTING levels, the body being level 1) with PARAM_ERROR before the
// handler: a deep unknown field fits in 64 KiB and would overflow the stack of a handler that serialises it.
// The 4-byte-character rule holds at every depth the cap allows.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { MAX_JSON_NESTING, safeParseNotification } from '../src/schema/index.js';
import { createReceiver } from '../src/receiver/index.js';
import { NOW, SAMPLE, json, receiverOptions, signedRequest } from './receiver-fixtures.js';

/** An unknown field `ext` whose value nests `levels` arrays (so the body nests levels + 1), innermost `leaf`. */
function nestedBody(levels: number, leaf = '"x"'): string {
  return `{${JSON.stringify(SAMPLE).slice(1, -1)},"ext":${'['.repeat(levels)}${leaf}${']'.repeat(levels)}}`;
}

describe('JSON nesting cap', () => {
  it('answers PARAM_ERROR for a field nested 9 000 levels deep, without running the handler', async () => {
    const handler = vi.fn();
    const receiver = createReceiver(receiverOptions({ handler, clock: () => NOW }));
    const text = nestedBody(9_000);
    expect(text.length).toBeLessThan(65_536);
    const answer = await receiver.handle(signedRequest({ body: text }));
    expect(answer.status).toBe(400);
    expect(json(answer)).toMatchObject({ code: 'PARAM_ERROR', detail: { reason: 'PARAM_ERROR', field: expect.stringMatching(/^\/ext(\/0)+$/) } });
    expect(json(answer).message).toContain(`more than ${MAX_JSON_NESTING} levels`);
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts exactly the cap and refuses one level more', () => {
    expect(safeParseNotification(JSON.parse(nestedBody(MAX_JSON_NESTING - 1))).ok).toBe(true);
    const over = safeParseNotification(JSON.parse(nestedBody(MAX_JSON_NESTING)));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.code).toBe('PARAM_ERROR');
  });

  it('finds a 4-byte character at the deepest level allowed', () => {
    const result = safeParseNotification(JSON.parse(nestedBody(MAX_JSON_NESTING - 1, '"ok 😀"')));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/U\+1F600/);
  });

  it('property: a body is accepted exactly when it nests at most the cap and holds no 4-byte character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.boolean(), fc.boolean(), (levels, emoji, asObject) => {
        const leaf = emoji ? '"😀"' : '"v"';
        const text = asObject
          ? `{${JSON.stringify(SAMPLE).slice(1, -1)},"ext":${'{"k":'.repeat(levels)}${leaf}${'}'.repeat(levels)}}`
          : nestedBody(levels, leaf);
        const ok = safeParseNotification(JSON.parse(text)).ok;
        expect(ok).toBe(levels + 1 <= MAX_JSON_NESTING && !emoji);
      }),
    );
  });
});
