/**
 * Where a JSON text stops being JSON. `JSON.parse` on Node 20 says only "is not valid JSON" (and quotes the
 * input, which may be long or private); this finds the first offending offset and its line and column.
 */

/** The first offending character: offset in UTF-16 code units, 1-based line and column, and what was expected. */
export interface JsonErrorPosition {
  offset: number;
  line: number;
  column: number;
  expected: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/**
 * Scans `text` as RFC 8259 JSON; `undefined` when it is valid (exactly when `JSON.parse` accepts it), else
 * the position of the first character that cannot belong to it.
 *
 * @example
 * ```ts
 * jsonErrorPosition('{"a": }'); // { offset: 6, line: 1, column: 7, expected: 'a value' }
 * ```
 */
export function jsonErrorPosition(text: string): JsonErrorPosition | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (char: string, what: string): void => {
    if (text[i] !== char) throw new Stop(i, what);
    i++;
  };
  const literal = (word: string): void => {
    for (const char of word) expect(char, `"${word}"`);
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text[i] ?? '')) throw new Stop(i, 'a digit');
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const string = (): void => {
    expect('"', 'a string');
    for (;;) {
      const char = text[i];
      if (char === undefined) throw new Stop(i, 'the closing quote of a string');
      if (char === '"') return void i++;
      if (char < ' ') throw new Stop(i, 'a control character escaped, e.g. \\n');
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) throw new Stop(i + k, 'four hex digits after \\u');
          i += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else throw new Stop(i, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const char = text[i];
    if (char === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':', '":" after a key');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}', '"," or "}"');
      }
    }
    if (char === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']', '"," or "]"');
      }
    }
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || /[0-9]/.test(char ?? '')) {
      if (char === '-') i++;
      if (text[i] === '0') i++;
      else digits();
      if (text[i] === '.') {
        i++;
        digits();
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        digits();
      }
      return;
    }
    throw new Stop(i, 'a value');
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop(i, 'the end of the text');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    return { offset: error.offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, expected: error.expected };
  }
}
