// Turns any KeyInput (PEM or DER, text or bytes, or a file path) into a list of typed DER items. This is where
// the tolerance of protocol.md §5 and §7.10 lives: keys pasted into config files arrive with CRLF, indentation,
// trailing spaces, lines re-wrapped at 76 or 80 columns, a missing final newline, literal "\n" escapes (from
// environment variables) or no PEM armour at all. Every such repair is recorded so the key doctor can say so.
import { readFileSync } from 'node:fs';
import { AuditNotifyError, type ErrorCode } from '../errors.js';
import type { KeyInput } from '../types.js';
import { classifyDer, type DerKind } from './der.js';
import { decodeBase64Strict } from './encoding.js';

/**
 * What one item of key material is.
 *
 * @example
 * ```ts
 * if (item.kind === 'encrypted-pkcs8') console.log('encrypted');
 * ```
 */
export type MaterialKind =
  | Exclude<DerKind, 'unknown' | 'sec1'>
  | 'encrypted-pkcs1'
  | 'ec'
  | 'other-private'
  | 'openssh'
  | 'unknown';

/**
 * One PEM block (or the whole DER input), classified.
 *
 * @example
 * ```ts
 * const [first]: readonly MaterialItem[] = readMaterial(pem, 'key', 'KEY_FORMAT_UNKNOWN').items;
 * ```
 */
export interface MaterialItem {
  readonly kind: MaterialKind;
  readonly der: Uint8Array;
  /** The PEM label, when the item came from PEM. */
  readonly label?: string;
  /** A clean re-armoured PEM, kept only for legacy encrypted PKCS#1 (node:crypto needs its headers). */
  readonly pem?: string;
}

/**
 * Repairs made while reading; the key doctor reports them.
 *
 * @example
 * ```ts
 * if (material.repairs.includes('crlf')) console.log('the PEM had CRLF line ends');
 * ```
 */
export type MaterialRepair =
  | 'crlf'
  | 'whitespace'
  | 'rewrapped'
  | 'escaped-newlines'
  | 'no-armour'
  | 'bom'
  | 'multiple-blocks';

/**
 * Everything read from one KeyInput.
 *
 * @example
 * ```ts
 * const material: Material = readMaterial({ path: 'bundle.pem' }, 'key', 'KEY_FORMAT_UNKNOWN');
 * ```
 */
export interface Material {
  readonly items: readonly MaterialItem[];
  readonly encoding: 'pem' | 'der' | 'base64';
  readonly repairs: readonly MaterialRepair[];
  readonly path?: string;
}

const LABEL_RE = /^[A-Z0-9 ]{1,40}$/;

// Key material beyond this is not a key file; the limit also bounds the work spent on hostile input.
const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Finds `-----BEGIN L-----…-----END L-----` blocks with indexOf instead of a backtracking regex: a lazy regex
 * with a back-reference rescans the rest of the text for every unmatched BEGIN, quadratic on hostile input.
 */
function* pemBlocks(text: string): Generator<{ label: string; body: string }> {
  const nextEnd = new Map<string, number>();
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin < 0) return;
    const labelStart = begin + 11;
    const labelEnd = text.indexOf('-----', labelStart);
    if (labelEnd < 0) return;
    const label = text.slice(labelStart, labelEnd);
    from = labelStart;
    if (!LABEL_RE.test(label)) continue;
    const endMarker = `-----END ${label}-----`;
    let end = nextEnd.get(label);
    // Each label's END is searched forward only: once none is left, every later BEGIN of it fails at once.
    if (end === undefined || (end >= 0 && end < labelEnd)) {
      end = text.indexOf(endMarker, labelEnd + 5);
      nextEnd.set(label, end);
    }
    if (end < 0) continue;
    yield { label, body: text.slice(labelEnd + 5, end) };
    from = end + endMarker.length;
  }
}

const LABEL_KINDS: Record<string, MaterialKind> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
  'EC PRIVATE KEY': 'ec',
  'DSA PRIVATE KEY': 'other-private',
  'OPENSSH PRIVATE KEY': 'openssh',
  'PUBLIC KEY': 'spki',
  'RSA PUBLIC KEY': 'pkcs1-public',
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'TRUSTED CERTIFICATE': 'certificate',
  PKCS12: 'pkcs12',
};

function fail(code: ErrorCode, message: string, detail?: Record<string, unknown>): never {
  throw new AuditNotifyError(code, message, detail ? { detail } : {});
}

function readBytes(input: KeyInput, what: string): { bytes: Uint8Array; path?: string } {
  if (typeof input === 'string') return { bytes: new TextEncoder().encode(input) };
  if (input instanceof Uint8Array) return { bytes: input };
  if (input !== null && typeof input === 'object' && typeof (input as { path?: unknown }).path === 'string') {
    const path = (input as { path: string }).path;
    try {
      const buffer = readFileSync(path);
      return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), path };
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code;
      // The path is not secret; the file's content is never in the message.
      fail('KEY_UNREADABLE', `Cannot read the ${what} file ${JSON.stringify(path)}${errno ? ` (${errno})` : ''}.`, {
        path,
        errno,
      });
    }
  }
  fail('KEY_UNREADABLE', `Expected the ${what} as a string, bytes or { path }, got ${describe(input)}.`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without a string "path"' : typeof value;
}

function kindOfDer(der: Uint8Array): MaterialKind {
  const kind = classifyDer(der);
  if (kind === 'sec1') return 'ec';
  return kind;
}

function parsePemBlocks(text: string, repairs: Set<MaterialRepair>): MaterialItem[] {
  const items: MaterialItem[] = [];
  for (const { label, body: blockText } of pemBlocks(text)) {
    const lines = blockText.split('\n');
    const headers: string[] = [];
    const bodyLines: string[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      if (line !== raw && line.length > 0) repairs.add('whitespace');
      if (line.length === 0) continue;
      // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: …") precede the body of legacy encrypted keys.
      if (line.includes(':')) headers.push(line);
      else bodyLines.push(line);
    }
    if (bodyLines.some((line, i) => i < bodyLines.length - 1 && line.length !== 64)) repairs.add('rewrapped');
    if (bodyLines.some((line) => /\s/.test(line))) repairs.add('whitespace');
    const body = bodyLines.join('').replace(/\s+/g, '');
    const der = decodeBase64Strict(body);
    if (!der || der.length === 0) {
      items.push({ kind: 'unknown', der: new Uint8Array(0), label });
      continue;
    }
    const encrypted = headers.some((h) => /^Proc-Type:\s*4,\s*ENCRYPTED$/i.test(h));
    let kind = LABEL_KINDS[label] ?? 'unknown';
    if (kind === 'pkcs1' && encrypted) {
      kind = 'encrypted-pkcs1';
      const wrapped = body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
      items.push({ kind, der, label, pem: `-----BEGIN ${label}-----\n${headers.join('\n')}\n\n${wrapped}\n-----END ${label}-----\n` });
      continue;
    }
    if (encrypted) kind = 'encrypted-pkcs8';
    // A label can lie (e.g. PKCS#1 body under "BEGIN PRIVATE KEY" after a careless edit): trust the DER.
    if (kind === 'pkcs8' || kind === 'pkcs1' || kind === 'spki' || kind === 'pkcs1-public') {
      const actual = kindOfDer(der);
      if (actual !== 'unknown') kind = actual;
    }
    items.push({ kind, der, label });
  }
  return items;
}

/**
 * Reads and classifies key material from a string, bytes or `{ path }`, tolerating pasted-PEM damage.
 * Throws `KEY_UNREADABLE` for an unreadable path and `garbageCode` when nothing recognisable is inside.
 *
 * @example
 * ```ts
 * const { items } = readMaterial({ path: 'apiclient_key.pem' }, 'private key', 'KEY_FORMAT_UNKNOWN');
 * items[0].kind; // 'pkcs8'
 * ```
 */
export function readMaterial(input: KeyInput, what: string, garbageCode: ErrorCode): Material {
  const { bytes, path } = readBytes(input, what);
  if (bytes.length > MAX_INPUT_BYTES) {
    fail(garbageCode, `The ${what} is ${bytes.length} bytes: key material is never larger than ${MAX_INPUT_BYTES}.`, {
      reason: 'TOO_LARGE',
      ...(path === undefined ? {} : { path }),
    });
  }
  const base = path === undefined ? {} : { path };
  const repairs = new Set<MaterialRepair>();

  // Binary DER first: a DER blob is never valid UTF-8 PEM, and decoding it as text would be wasted work.
  if (bytes.length > 0 && bytes[0] === 0x30) {
    const kind = kindOfDer(bytes);
    if (kind !== 'unknown') return { items: [{ kind, der: bytes }], encoding: 'der', repairs: [], ...base };
  }

  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.startsWith('\ufeff')) {
    text = text.slice(1);
    repairs.add('bom');
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    repairs.add('crlf');
  }
  if (/\\n/.test(text)) {
    text = text.replace(/\\r\\n|\\n/g, '\n');
    repairs.add('escaped-newlines');
  }
  if (text.includes('-----BEGIN ')) {
    const items = parsePemBlocks(text, repairs);
    if (items.length === 0) {
      fail(garbageCode, `The ${what} starts a PEM block but has no matching END line (truncated when pasted?).`, {
        reason: 'PEM_UNTERMINATED',
      });
    }
    if (items.length > 1) repairs.add('multiple-blocks');
    return { items, encoding: 'pem', repairs: [...repairs], ...base };
  }

  // Bare Base64 of DER (the PEM body without its armour, e.g. from an environment variable).
  const compact = text.replace(/\s+/g, '');
  if (compact.length >= 64) {
    const der = decodeBase64Strict(compact);
    if (der) {
      const kind = kindOfDer(der);
      if (kind !== 'unknown') {
        repairs.add('no-armour');
        return { items: [{ kind, der }], encoding: 'base64', repairs: [...repairs], ...base };
      }
    }
  }

  const looksLikePath =
    typeof input === 'string' && !input.includes('\n') && /(^[./~]|\.(pem|p12|pfx|key|crt|cer|der)$)/i.test(input.trim());
  fail(
    garbageCode,
    looksLikePath
      ? `The ${what} looks like a file path: pass { path: '…' } to read a file.`
      : `Unrecognised ${what}: expected PEM, DER${garbageCode === 'PKCS12_INVALID' ? '' : ' or PKCS#12'} material.`,
    { reason: looksLikePath ? 'LOOKS_LIKE_PATH' : 'UNRECOGNISED', ...(path === undefined ? {} : { path }) },
  );
}
