// The store suite on real SQLite files: each space is a new file; two stores on one file are two receivers
// (or one receiver before and after a restart).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { defineStoreSuite } from '@auditnotify/conformance';
import { openSqliteStores } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'auditnotify-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

defineStoreSuite({
  name: 'sqlite',
  newSpace: () => join(directory, `${randomUUID()}.db`),
  open: (path, { clock, perMinute }) => openSqliteStores({ path, clock, perMinute }),
  ownAdmission: true,
});
