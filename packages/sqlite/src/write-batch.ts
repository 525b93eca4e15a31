// Group commit: the store operations that arrive in one turn of the event loop (the concurrent requests a
// receiver is handling) run in one `BEGIN IMMEDIATE` transaction, so a burst pays for one WAL commit instead
// of one per operation. Each operation still sees the ones queued before it, in order, as it would alone.
import type Database from 'better-sqlite3';

/**
 * Runs synchronous database operations batched per event-loop turn.
 *
 * @example
 * ```ts
 * const batch = createWriteBatch(db);
 * const fresh = await batch.run(() => claimNonce.run(key, expires, at).changes === 1);
 * ```
 */
export interface WriteBatch {
  /** Queues `operation` for this turn's transaction; resolves with its result once the transaction committed. */
  run<T>(operation: () => T): Promise<T>;
  /** Runs what is queued now (before closing the database). */
  flush(): void;
}

interface Queued {
  operation: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A {@link WriteBatch} over `db`. When a batch fails (an operation throws, or the write lock cannot be had
 * within the busy timeout) nothing of it is kept, and each operation runs again alone, so one failure
 * reaches only its own caller.
 *
 * @example
 * ```ts
 * const batch = createWriteBatch(new Database('state.db'));
 * ```
 */
export function createWriteBatch(db: Database.Database): WriteBatch {
  let queued: Queued[] = [];
  let scheduled = false;

  const runAll = db.transaction((operations: Queued[]): unknown[] => operations.map(({ operation }) => operation()));

  function flush(): void {
    scheduled = false;
    const operations = queued;
    queued = [];
    if (operations.length === 0) return;
    let results: unknown[];
    try {
      results = runAll.immediate(operations);
    } catch {
      for (const item of operations) {
        try {
          item.resolve(db.transaction(item.operation).immediate());
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    operations.forEach((item, index) => item.resolve(results[index]));
  }

  return {
    run<T>(operation: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ operation, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
