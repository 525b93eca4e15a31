/**
 * History of every sent and received exchange, newest first, kept across restarts in `history.json` of the
 * app data directory (rewritten atomically: temp file + rename) and capped so it never grows without bound.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { HistoryEntry, HistorySummary } from '../../shared/api.js';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
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
  /** Records an exchange; `id` and `at` are filled in when missing. */
  add(entry: Omit<HistoryEntry, 'id' | 'at'> & { id?: string; at?: string }): HistoryEntry;
  list(options?: { limit?: number; offset?: number }): { entries: HistorySummary[]; total: number };
  search(options: { query: string; direction?: 'sent' | 'received'; ok?: boolean; limit?: number }): {
    entries: HistorySummary[];
    total: number;
  };
  get(id: string): HistoryEntry;
}

const FILE = 'history.json';
/**
 * Newest entries kept; older ones are dropped on the next write.
 *
 * @example
 * ```ts
 * history.list().total <= HISTORY_LIMIT; // true
 * ```
 */
export const HISTORY_LIMIT = 1000;

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
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, FILE);
  const entries: HistoryEntry[] = (path ? readJsonFile<{ entries: HistoryEntry[] }>(path)?.entries : undefined) ?? [];

  const persist = (): void => {
    if (path) writeFileAtomic(path, `${JSON.stringify({ version: 1, entries })}\n`);
  };

  return {
    add(entry) {
      const full: HistoryEntry = { ...entry, id: entry.id ?? `h_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`, at: entry.at ?? new Date().toISOString() };
      entries.unshift(full);
      entries.length = Math.min(entries.length, HISTORY_LIMIT);
      persist();
      return full;
    },
    list({ limit = 100, offset = 0 } = {}) {
      return { entries: entries.slice(offset, offset + limit).map(summaryOf), total: entries.length };
    },
    search({ query, direction, ok, limit = 100 }) {
      const needle = query.trim().toLowerCase();
      const matches = entries.filter(
        (e) =>
          (direction === undefined || e.direction === direction) &&
          (ok === undefined || e.ok === ok) &&
          (needle === '' || haystackOf(e).includes(needle)),
      );
      return { entries: matches.slice(0, limit).map(summaryOf), total: matches.length };
    },
    get(id) {
      const entry = entries.find((e) => e.id === id);
      if (!entry) fail('NOT_FOUND', `No history entry has the id ${id}.`, { id });
      return entry;
    },
  };
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
