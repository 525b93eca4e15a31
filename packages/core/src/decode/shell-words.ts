// A POSIX-shell word splitter for pasted curl commands (bash rules for quoting, no expansion): enough for
// what "Copy as cURL" and API docs produce, including the documentation's example (`\` continuations and a
// single-quoted body spanning lines).
import { decodeError } from './decode-error.js';

/**
 * One shell word with the line it starts on.
 *
 * @example
 * ```ts
 * const word: ShellWord = { value: '-X', line: 1 };
 * ```
 */
export interface ShellWord {
  readonly value: string;
  readonly line: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const ANSI_SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/**
 * Splits shell text into words. Unquoted newlines separate words like spaces (a pasted command that lost a
 * `\` still reads as one command); `#` at the start of a word starts a comment. Throws `DECODE_FAILED`
 * for an unterminated quote, naming the line where it opened.
 *
 * @example
 * ```ts
 * splitShellWords("curl -d '{\n}' \\\n  http://h/").map((w) => w.value); // ['curl', '-d', '{\n}', 'http://h/']
 * ```
 */
export function splitShellWords(text: string): ShellWord[] {
  const words: ShellWord[] = [];
  let i = 0;
  let line = 1;
  let current: string | undefined; // undefined: between words
  let startLine = 1;
  const begin = () => {
    if (current === undefined) {
      current = '';
      startLine = line;
    }
  };
  const append = (part: string) => {
    current = (current ?? '') + part;
  };
  const end = () => {
    if (current !== undefined) words.push({ value: current, line: startLine });
    current = undefined;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      end();
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      end();
      i++;
    } else if (c === '\\') {
      if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) {
        // Line continuation: removed entirely.
        i += text[i + 1] === '\n' ? 2 : 3;
        line++;
      } else {
        begin();
        append(text[i + 1] ?? '');
        i += 2;
      }
    } else if (c === '#' && current === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === "'") {
      begin();
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw decodeError(line, "a single quote (') is never closed");
      const body = text.slice(i + 1, close);
      append(body);
      line += countNewlines(body);
      i = close + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      begin();
      const opened = line;
      i += 2;
      let closed = false;
      while (i < text.length) {
        const d = text[i] as string;
        if (d === "'") {
          closed = true;
          i++;
          break;
        }
        if (d === '\n') line++;
        if (d !== '\\') {
          append(d);
          i++;
          continue;
        }
        const [decoded, used] = ansiEscape(text, i + 1);
        append(decoded);
        i += 1 + used;
      }
      if (!closed) throw decodeError(opened, "an ANSI-C quote ($') is never closed");
    } else if (c === '"') {
      begin();
      const opened = line;
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] === '\n') line++;
          else append(text[i + 1] as string);
          i += 2;
          continue;
        }
        if (d === '\n') line++;
        append(d);
        i++;
      }
      if (!closed) throw decodeError(opened, 'a double quote (") is never closed');
    } else {
      begin();
      append(c);
      i++;
    }
  }
  end();
  return words;
}

function countNewlines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}

// bash's $'…' escapes; returns the decoded text and how many characters after the backslash it used.
function ansiEscape(text: string, at: number): [string, number] {
  const c = text[at];
  if (c === undefined) return ['\\', 0];
  const simple = ANSI_SIMPLE[c];
  if (simple !== undefined) return [simple, 1];
  const hex = (max: number, from: number) => /^[0-9A-Fa-f]+/.exec(text.slice(from, from + max))?.[0] ?? '';
  if (c === 'x') {
    // A run of \xHH escapes is bytes: bash writes them out raw, so UTF-8 sequences become characters.
    const bytes: number[] = [];
    let used = 0;
    for (;;) {
      const h = hex(2, at + used + 1);
      if (!h) break;
      bytes.push(parseInt(h, 16));
      used += 1 + h.length;
      if (!/^\\x[0-9A-Fa-f]/.test(text.slice(at + used, at + used + 3))) break;
      used += 1;
    }
    return bytes.length > 0 ? [utf8.decode(new Uint8Array(bytes)), used] : ['\\x', 1];
  }
  if (c === 'u' || c === 'U') {
    const h = hex(c === 'u' ? 4 : 8, at + 1);
    const cp = h ? parseInt(h, 16) : NaN;
    return cp <= 0x10ffff ? [String.fromCodePoint(cp), 1 + h.length] : [`\\${c}`, 1];
  }
  const octal = /^[0-7]{1,3}/.exec(text.slice(at, at + 3))?.[0];
  if (octal) return [String.fromCharCode(parseInt(octal, 8) & 0xff), octal.length];
  return [`\\${c}`, 1];
}
