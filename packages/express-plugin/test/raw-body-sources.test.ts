import type { IncomingMessage } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { NotifyContext } from '@auditnotify/core';
import { serveOnLoopback } from '@auditnotify/conformance';
import { createTestRequest, generateTestKeys } from '@auditnotify/core/testing';
import { createExpressMiddleware } from '../src/index.js';

// Body parsers commonly found in existing Express apps, and which of them leave the exact bytes behind.
describe('Express raw body sources', () => {
  let keys: ReturnType<typeof generateTestKeys>;
  let close: (() => Promise<void>) | undefined;
  const handled: NotifyContext[] = [];
  const body = '{\n  "out_request_no": "请求单号-0002",\n  "mchid": "1900016681",\n  "audit_result": "PASS"\n}';

  beforeAll(() => {
    keys = generateTestKeys();
  });
  afterEach(async () => {
    await close?.();
    handled.length = 0;
  });

  async function post(app: express.Express): Promise<{ status: number; text: string }> {
    app.use(createExpressMiddleware({ senders: keys.senders, answerKeys: keys.answerKeys, handler: (c) => void handled.push(c), logger: { warn: () => undefined } }));
    const served = await serveOnLoopback(app.listen(0, '127.0.0.1'));
    close = served.close;
    const request = await createTestRequest({ keys, body });
    const response = await fetch(`${served.url}${request.url}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    return { status: response.status, text: await response.text() };
  }

  it('uses req.rawBody kept by a verify hook of express.json() mounted first', async () => {
    const app = express();
    app.use(express.json({ verify: (req: IncomingMessage & { rawBody?: Buffer }, _res, buf) => void (req.rawBody = buf) }));
    expect(await post(app)).toEqual({ status: 200, text: '{"ret_msg":"SUCC"}' });
    expect(Buffer.from(handled[0]?.raw ?? []).toString('utf8')).toBe(body);
  });

  it('uses the Buffer of express.raw() mounted first', async () => {
    const app = express();
    app.use(express.raw({ type: 'application/json' }));
    expect((await post(app)).status).toBe(200);
  });

  it('answers 500 RAW_BODY_UNAVAILABLE after express.text(), which keeps only a decoded string', async () => {
    const app = express();
    app.use(express.text({ type: 'application/json' }));
    const answer = await post(app);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'SYSTEM_ERROR', detail: { reason: 'RAW_BODY_UNAVAILABLE' } });
    expect(handled).toHaveLength(0);
  });
});
