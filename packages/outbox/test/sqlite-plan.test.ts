// Taking the next entry reads it off an index in order: no sort of the whole backlog per lease (a queue of a
// hundred thousand entries was sorted for every one taken when both cases were one OR query).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { DUE_EXPIRED_SQL, DUE_QUEUED_SQL, openSqliteOutboxStore } from '../src/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  ['the queued entry due longest', DUE_QUEUED_SQL],
  ['an expired lease', DUE_EXPIRED_SQL],
])('finds %s through the due index, without a temporary sort', async (_name, sql) => {
  const path = join(dir, 'plan.db');
  await openSqliteOutboxStore({ path }).close();
  const db = new Database(path, { readonly: true });
  const plan = db.prepare<[number], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(0).map((row) => row.detail).join(' | ');
  db.close();
  expect(plan).toMatch(/USING (COVERING )?INDEX outbox_entry_due/);
  expect(plan).not.toContain('TEMP B-TREE');
});
