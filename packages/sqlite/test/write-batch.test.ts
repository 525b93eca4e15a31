// The group commit under the SQLite stores, on a real file: the operations of one event-loop turn share one
// transaction, in order; a failing one reaches only its own caller; close() lands what is queued.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createWriteBatch } from '../src/write-batch.js';

const directory = mkdtempSync(join(tmpdir(), 'auditnotify-batch-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function open(name: string): Database.Database {
  const db = new Database(join(directory, name));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  return db;
}

describe('createWriteBatch', () => {
  it('runs the operations of one turn in one transaction, each seeing the ones before it', async () => {
    const db = open('order.db');
    const batch = createWriteBatch(db);
    const insert = db.prepare('INSERT OR IGNORE INTO t (k) VALUES (?)');
    const results = await Promise.all([
      batch.run(() => ({ changes: insert.run('a').changes, inTransaction: db.inTransaction })),
      batch.run(() => ({ changes: insert.run('a').changes, inTransaction: db.inTransaction })),
      batch.run(() => ({ changes: insert.run('b').changes, inTransaction: db.inTransaction })),
    ]);
    expect(results).toEqual([
      { changes: 1, inTransaction: true },
      { changes: 0, inTransaction: true },
      { changes: 1, inTransaction: true },
    ]);
    db.close();
  });

  it('rejects only the operation that failed; the others of its turn are kept', async () => {
    const db = open('failure.db');
    const batch = createWriteBatch(db);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    const outcomes = await Promise.allSettled([
      batch.run(() => insert.run('x').changes),
      batch.run(() => {
        throw new Error('this one fails');
      }),
      batch.run(() => insert.run('y').changes),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'this one fails' });
    expect(db.prepare('SELECT k FROM t ORDER BY k').all()).toEqual([{ k: 'x' }, { k: 'y' }]);
    db.close();
  });

  it('lands what is queued when flushed before the database closes', async () => {
    const path = 'flush.db';
    const db = open(path);
    const batch = createWriteBatch(db);
    const pending = batch.run(() => db.prepare('INSERT INTO t (k) VALUES (?)').run('z').changes);
    batch.flush();
    db.close();
    expect(await pending).toBe(1);
    const again = new Database(join(directory, path));
    expect(again.prepare('SELECT k FROM t').all()).toEqual([{ k: 'z' }]);
    again.close();
  });
});
