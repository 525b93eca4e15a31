/**
 * History of every sent and received exchange, newest first, kept across restarts in `history.jsonl` of the
 * app data directory: one JSON line per exchange, appended (never the whole history rewritten per request).
 *
 * Bounded three ways, so junk sent to the local receiver can never grow it without limit:
 * - at most {@link HISTORY_LIMIT} entries and {@link HISTORY_BYTE_LIMIT} bytes on disk (when the file would
 *   outgrow that, it is compacted to the newest half, atomically: temp file + rename);
 * - no body larger than {@link RECORDED_BODY_LIMIT} is kept (only its length and SHA-256);
 * - the local receiver records requests to other paths without their bodies (receiver-service.ts).
 *
 * A damaged or oversized file never stops start-up: unreadable lines are skipped, only the file's tail is read,
 * and the result is written back compacted.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { historyEntrySchema, type BytesView, type HistoryEntry, type HistorySummary } from '../../shared/api.js';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
import { omittedBytesView } from './bytes.js';
import { fail } from './errors.js';

/**
 * The history store's interface.
 *
 * @example
 * ```ts
 * const history: HistoryStore = createHistoryStore({ dataDir });
 * history.list({ limit: 20 }).entries;
 * ```
 */
export interface HistoryStore {
  /** Records an exchange; `id` and `at` are filled in when missing. Bodies over the limit are left out. */
  add(entry: Omit<HistoryEntry, 'id' | 'at'> & { id?: string; at?: string }): HistoryEntry;
  list(options?: { limit?: number; offset?: number }): { entries: HistorySummary[]; total: number };
  search(options: { query: string; direction?: 'sent' | 'received'; ok?: boolean; limit?: number }): {
    entries: HistorySummary[];
    total: number;
  };
  get(id: string): HistoryEntry;
}

/**
 * The history file in the data directory.
 *
 * @example
 * ```ts
 * const path = join(dataDir, HISTORY_FILE); // …/history.jsonl
 * ```
 */
export const HISTORY_FILE = 'history.jsonl';
/** The single-file format of earlier versions: read once if it can be, then replaced. */
const LEGACY_FILE = 'history.json';

/**
 * Newest entries kept; older ones are dropped.
 *
 * @example
 * ```ts
 * history.list().total <= HISTORY_LIMIT; // true
 * ```
 */
export const HISTORY_LIMIT = 1000;

/**
 * Largest size of the history file on disk. Memory holds at most half of it: compaction keeps the newest
 * entries that fit in half, so appends can follow before the next compaction.
 *
 * @example
 * ```ts
 * statSync(join(dataDir, HISTORY_FILE)).size <= HISTORY_BYTE_LIMIT; // true
 * ```
 */
export const HISTORY_BYTE_LIMIT = 16 * 1024 * 1024;

/**
 * Largest body kept in an entry: the largest body the local receiver accepts (its 64 KiB limit). A larger one
 * is recorded by its length and SHA-256 only.
 *
 * @example
 * ```ts
 * entry.request.body.omitted; // 'too-large' when the body was over RECORDED_BODY_LIMIT bytes
 * ```
 */
export const RECORDED_BODY_LIMIT = 64 * 1024;

const KEEP_BYTES = HISTORY_BYTE_LIMIT / 2;

/** An entry with its serialised line (kept to count bytes and to compact without serialising again). */
interface Stored {
  entry: HistoryEntry;
  line: string;
}

/**
 * Creates the history store (in memory when `dataDir` is `undefined`).
 *
 * @example
 * ```ts
 * const history = createHistoryStore({ dataDir });
 * history.search({ query: 'htozr8denq' }).entries[0]?.code; // 'accepted'
 * ```
 */
export function createHistoryStore(options: { dataDir?: string }): HistoryStore {
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, HISTORY_FILE);
  /** Newest first. */
  let stored: Stored[] = [];
  let keptBytes = 0;
  let fileBytes = 0;

  const trim = (): void => {
    while (stored.length > HISTORY_LIMIT || (keptBytes > KEEP_BYTES && stored.length > 1)) keptBytes -= Buffer.byteLength(stored.pop()!.line);
  };

  const compact = (): void => {
    trim();
    if (!path) return;
    const text = stored
      .map((s) => s.line)
      .reverse()
      .join('');
    writeFileAtomic(path, text);
    fileBytes = Buffer.byteLength(text);
  };

  if (path && options.dataDir !== undefined) {
    const loaded = loadHistory(options.dataDir, path);
    stored = loaded.stored;
    keptBytes = stored.reduce((sum, s) => sum + Buffer.byteLength(s.line), 0);
    fileBytes = loaded.fileBytes;
    if (loaded.needsRewrite || stored.length > HISTORY_LIMIT || keptBytes > KEEP_BYTES) compact();
  }

  const find = (id: string): HistoryEntry | undefined => stored.find((s) => s.entry.id === id)?.entry;

  return {
    add(input) {
      const entry = fitEntry({
        ...input,
        id: input.id ?? `h_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`,
        at: input.at ?? new Date().toISOString(),
      });
      const line = `${JSON.stringify(entry)}\n`;
      const bytes = Buffer.byteLength(line);
      stored.unshift({ entry, line });
      keptBytes += bytes;
      if (path) {
        if (fileBytes + bytes > HISTORY_BYTE_LIMIT || stored.length > 2 * HISTORY_LIMIT) {
          compact();
        } else {
          mkdirSync(options.dataDir!, { recursive: true, mode: 0o700 });
          appendFileSync(path, line, { mode: 0o600 });
          fileBytes += bytes;
          // Memory keeps the same bound as a compacted file; the file catches up at the next compaction.
          trim();
        }
      } else {
        trim();
      }
      return entry;
    },
    list({ limit = 100, offset = 0 } = {}) {
      return { entries: stored.slice(offset, offset + limit).map((s) => summaryOf(s.entry)), total: stored.length };
    },
    search({ query, direction, ok, limit = 100 }) {
      const needle = query.trim().toLowerCase();
      const matches = stored
        .map((s) => s.entry)
        .filter(
          (e) =>
            (direction === undefined || e.direction === direction) &&
            (ok === undefined || e.ok === ok) &&
            (needle === '' || haystackOf(e).includes(needle)),
        );
      return { entries: matches.slice(0, limit).map(summaryOf), total: matches.length };
    },
    get(id) {
      const entry = find(id);
      if (!entry) fail('NOT_FOUND', `No history entry has the id ${id}.`, { id });
      return entry;
    },
  };
}

/** Leaves out every body over {@link RECORDED_BODY_LIMIT}. */
function fitEntry(entry: HistoryEntry): HistoryEntry {
  return {
    ...entry,
    request: { ...entry.request, body: fitBody(entry.request.body) },
    ...(entry.response ? { response: { ...entry.response, body: fitBody(entry.response.body) } } : {}),
  };
}

function fitBody(view: BytesView): BytesView {
  return view.omitted === undefined && view.byteLength > RECORDED_BODY_LIMIT ? omittedBytesView(view, 'too-large') : view;
}

/**
 * Reads the history file (its last {@link HISTORY_BYTE_LIMIT} bytes at most), skipping every line that is not
 * a valid entry, and takes over a readable history of the earlier single-file format.
 */
function loadHistory(dataDir: string, path: string): { stored: Stored[]; fileBytes: number; needsRewrite: boolean } {
  const stored: Stored[] = [];
  let needsRewrite = false;
  let fileBytes = 0;

  const legacy = join(dataDir, LEGACY_FILE);
  if (existsSync(legacy)) {
    for (const entry of readLegacy(legacy)) {
      const fitted = fitEntry(entry);
      stored.unshift({ entry: fitted, line: `${JSON.stringify(fitted)}\n` });
    }
    renameSync(legacy, `${legacy}.unreadable`);
    needsRewrite = true;
  }

  if (existsSync(path)) {
    fileBytes = statSync(path).size;
    const { text, cut } = readTail(path, HISTORY_BYTE_LIMIT);
    if (cut) needsRewrite = true;
    const lines = text.split('\n');
    // A cut file starts mid-line; a file cut by a crash may end mid-line.
    if (cut) lines.shift();
    for (const line of lines) {
      if (line === '') continue;
      const entry = parseLine(line);
      if (entry) stored.unshift({ entry, line: `${line}\n` });
      else needsRewrite = true;
    }
  }
  return { stored, fileBytes, needsRewrite };
}

function parseLine(line: string): HistoryEntry | undefined {
  try {
    const parsed = historyEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Entries of a readable `history.json` of the earlier format, oldest first; none when it is not readable. */
function readLegacy(path: string): HistoryEntry[] {
  try {
    if (statSync(path).size > HISTORY_BYTE_LIMIT) return [];
    const entries = readJsonFile<{ entries?: unknown }>(path)?.entries;
    if (!Array.isArray(entries)) return [];
    return entries
      .map((e) => historyEntrySchema.safeParse(e))
      .filter((r) => r.success)
      .map((r) => r.data)
      .reverse();
  } catch {
    return [];
  }
}

function readTail(path: string, maxBytes: number): { text: string; cut: boolean } {
  const size = statSync(path).size;
  const length = Math.min(size, maxBytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return { text: buffer.toString('utf8'), cut: size > maxBytes };
}

function summaryOf(entry: HistoryEntry): HistorySummary {
  const { request: _request, response: _response, target: _target, keyId: _keyId, answerKeyId: _answerKeyId, error: _error, ...summary } = entry;
  return summary;
}

function haystackOf(entry: HistoryEntry): string {
  return [
    entry.url,
    entry.code,
    entry.title,
    entry.outRequestNo,
    entry.mchid,
    entry.auditResult,
    entry.status,
    entry.request.body.text,
    entry.response?.body.text,
    entry.request.headers['authorization'] ?? entry.request.headers['Authorization'],
  ]
    .filter((v) => v !== undefined)
    .join('\n')
    .toLowerCase();
}
