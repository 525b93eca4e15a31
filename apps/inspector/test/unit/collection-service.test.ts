// Saved requests through the API handlers (what IPC and the bridge server both call): written by the
// collection format's own writer, so `auditnotify run` reads exactly what the inspector saved.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCollection, serializeSavedRequest } from '@auditnotify/cli/collection';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiHandlers } from '../../src/main/api-handlers.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { tempDir } from './temp-dir.js';

let services: Services;
let handlers: ApiHandlers;
let dir: string;

beforeEach(() => {
  const dataDir = tempDir();
  dir = join(dataDir, 'cases');
  services = createServices({ dataDir, mode: 'test', version: '0.1.0' });
  handlers = createApiHandlers(services);
});
afterEach(() => services.close());

const request = { name: 'Broken JSON', body: { raw: '{"out_request_no": R1}\r\n' }, expect: { status: 400, code: 'INVALID_REQUEST', answerVerified: true } };

describe('collection.*', () => {
  it('lists the default folder in the data directory as an empty collection before the first save', async () => {
    const listed = await handlers['collection.list']({});
    expect(listed).toMatchObject({ ok: true, data: { exists: false, entries: [] } });
    expect(listed.ok && (listed.data as { dir: string }).dir.endsWith('collection')).toBe(true);
  });

  it('saves a failure case byte for byte in the format run reads, lists it, removes it', async () => {
    const saved = await handlers['collection.save']({ dir, request });
    expect(saved).toEqual({ ok: true, data: { dir, file: 'broken-json.request.json' } });
    expect(readFileSync(join(dir, 'broken-json.request.json'), 'utf8')).toBe(serializeSavedRequest(request));
    expect(readCollection(dir).entries[0]?.request).toEqual(request);
    const listed = await handlers['collection.list']({ dir });
    expect(listed).toMatchObject({ ok: true, data: { exists: true, name: 'cases', entries: [{ file: 'broken-json.request.json', request }] } });
    expect(await handlers['collection.remove']({ dir, file: 'broken-json.request.json' })).toEqual({ ok: true, data: { removed: true } });
    expect(await handlers['collection.list']({ dir })).toMatchObject({ ok: true, data: { entries: [] } });
  });

  it('refuses what the format refuses, with its typed error, and writes nothing', async () => {
    const bad = await handlers['collection.save']({ dir, request: { ...request, name: 'two\nlines' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'COLLECTION_INVALID', detail: { field: 'name' } } });
    expect(await handlers['collection.list']({ dir })).toMatchObject({ ok: true, data: { exists: false } });
  });

  it('refuses a relative folder and a file name that leaves the folder', async () => {
    expect(await handlers['collection.list']({ dir: 'cases' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await handlers['collection.remove']({ dir, file: '../keys.json' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('names the bad file of a folder edited by hand', async () => {
    await handlers['collection.save']({ dir, request });
    writeFileSync(join(dir, 'edited.request.json'), '{"format":"auditnotify-request/1","name":"x","body":{"raw":""},"expect":{"status":"200"}}');
    expect(await handlers['collection.list']({ dir })).toMatchObject({ ok: false, error: { code: 'COLLECTION_INVALID', detail: { file: 'edited.request.json', field: 'expect.status' } } });
  });
});
