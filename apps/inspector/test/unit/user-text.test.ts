import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userText } from '../../src/renderer/util/user-text.js';

describe('userText: backend text as a user reads it', () => {
  it('drops protocol.md citations', () => {
    expect(userText('a clock off (sync both with NTP, protocol.md §7 item 4).')).toBe('a clock off (sync both with NTP).');
    expect(userText('Verify the raw bytes (protocol.md §7 item 1); sign once.')).toBe('Verify the raw bytes; sign once.');
    expect(userText('请用 NTP 同步双方时钟(protocol.md §7 第 4 条)。')).toBe('请用 NTP 同步双方时钟。');
  });

  it('never leaves a citation in any text, and leaves text without one unchanged', () => {
    const cite = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.option(fc.integer({ min: 1, max: 12 }))).map(([s, item]) => `protocol.md §${s}${item === null ? '' : ` item ${item}`}`);
    const wrap = fc.constantFrom((c: string) => ` (${c})`, (c: string) => `, ${c}`, (c: string) => ` ${c}`);
    fc.assert(
      fc.property(fc.string(), cite, wrap, fc.string(), (before, c, w, after) => {
        fc.pre(!/protocol\.md|§/.test(before + after));
        expect(userText(`${before}${w(c)}${after}`)).not.toMatch(/protocol\.md|§/);
      }),
    );
    fc.assert(fc.property(fc.string(), (plain) => {
      fc.pre(!/protocol\.md/.test(plain));
      expect(userText(plain)).toBe(plain);
    }));
  });
});
