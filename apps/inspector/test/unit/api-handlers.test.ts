import { join } from 'node:path';
import { keyToPem } from '@auditnotify/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, API_SCHEMAS, type ApiMethod } from '../../src/shared/api.js';
import { createApiHandlers, type ApiHandlers } from '../../src/main/api-handlers.js';
import { createServices, type Services } from '../../src/main/services/create-services.js';
import { seededDataDir } from './seeded-data-dir.js';

let services: Services;
let handlers: ApiHandlers;
let merchant: string;
let historyId: string;
let platformPem: string;
let collectionDir: string;

beforeAll(async () => {
  const dataDir = seededDataDir();
  collectionDir = join(dataDir, 'collection');
  services = createServices({ dataDir, mode: 'test', version: '0.1.0' });
  handlers = createApiHandlers(services);
  merchant = services.keys.list().find((k) => k.role === 'merchant')!.id;
  const platform = services.keys.list().find((k) => k.role === 'platform')!.id;
  platformPem = keyToPem(services.keys.get(platform).publicKey);
  const sent = await services.send.run({ target: { kind: 'local' }, keyId: merchant, body: { kind: 'notification', notification: services.compose.sample().notification } });
  historyId = sent.historyId;
});
afterAll(() => services.close());

/** A valid request for every method (the table must name them all: a new method fails the build of this test). */
const valid: Record<ApiMethod, () => unknown> = {
  'app.info': () => ({}),
  'keys.list': () => ({}),
  'keys.generate': () => ({ mchid: '1900000009', label: 'second set' }),
  'keys.import': () => ({ role: 'platform', keyId: 'PUB_KEY_ID_0000000000000000000000000000000001', publicKey: { text: platformPem } }),
  'keys.remove': () => ({ id: 'k_not_there' }),
  'keys.doctor': () => ({ material: { text: platformPem } }),
  'compose.sample': () => ({ auditResult: 'REJECT' }),
  'compose.validate': () => ({ text: '{"out_request_no":"R1","mchid":"1","audit_result":"PASS"}' }),
  'sign.compute': () => ({ keyId: merchant, body: { kind: 'text', text: '{}' } }),
  'send.run': () => ({ target: { kind: 'local' }, keyId: merchant, body: { kind: 'notification', notification: services.compose.sample().notification } }),
  'decode.run': () => ({ input: { kind: 'curl', text: `curl -X POST https://api.mch.weixin.qq.com/v3/x -H 'Content-Type: application/json' -d '{}'` } }),
  'receiver.start': () => ({}),
  'receiver.stop': () => ({}),
  'receiver.status': () => ({}),
  'receiver.events': () => ({ since: 0 }),
  'history.list': () => ({ limit: 10 }),
  'history.search': () => ({ query: 'htozr8denq' }),
  'history.get': () => ({ id: historyId }),
  'history.resend': () => ({ id: historyId }),
  'history.export': () => ({ id: historyId, language: 'java' }),
  'collection.list': () => ({ dir: collectionDir }),
  'collection.save': () => ({ dir: collectionDir, request: { name: 'Accepted', body: { raw: '{}' }, expect: { status: 200, answerVerified: true } } }),
  'collection.remove': () => ({ dir: collectionDir, file: 'not-there.request.json' }),
  'profiles.list': () => ({}),
  'profiles.create': () => ({ name: 'Sandbox', mchid: '1900016681', target: { kind: 'url', url: 'http://127.0.0.1:9/notify' } }),
  'profiles.update': () => ({ ...services.profiles.state().profiles[0]!, name: 'Local' }),
  'profiles.remove': () => ({ id: services.profiles.state().profiles.find((p) => p.name === 'Sandbox')?.id ?? 'p_not_there' }),
  'profiles.select': () => ({ id: services.profiles.state().profiles[0]!.id }),
};

describe('API handlers', () => {
  it('exist for exactly the methods of the shared list', () => {
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort());
  });

  it.each(API_METHODS)('%s answers valid input with data matching its answer schema', async (method) => {
    const result = await handlers[method](valid[method]());
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    expect(() => API_SCHEMAS[method].output.parse(result.data)).not.toThrow();
  });

  it.each(API_METHODS)('%s answers an unknown field with INVALID_INPUT', async (method) => {
    const result = await handlers[method]({ ...(valid[method]() as object), bogus: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { method } } });
  });

  it.each(API_METHODS)('%s answers a non-object with INVALID_INPUT', async (method) => {
    expect(await handlers[method]('keys please')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes service errors on as typed errors: NOT_FOUND for an unknown history id', async () => {
    expect(await handlers['history.get']({ id: 'h_missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', detail: { id: 'h_missing' } } });
  });

  it('passes core errors on with their code: KEY_FORMAT_UNKNOWN for garbage key material', async () => {
    const result = await handlers['keys.import']({ role: 'merchant', mchid: '1', keyId: 'X', privateKey: { text: 'garbage' } });
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^KEY_/) } });
  });

  it('never answers with key material', async () => {
    const results = await Promise.all(API_METHODS.map((m) => handlers[m](valid[m]())));
    expect(JSON.stringify(results)).not.toMatch(/PRIVATE KEY/);
  });
});
