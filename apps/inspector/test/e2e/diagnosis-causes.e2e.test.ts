// Three of the integration mistakes of the corpus (test-vectors/corpus), signed afresh with node:crypto and
// the test vectors' merchant key so the timestamp is current, pasted into Decode after importing the
// merchant certificate: the inspector must name each mistake by its own cause code, in English and in
// Chinese. The screenshots are the ones docs/inspector.md shows.
import { createPrivateKey, createSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_MESSAGES_ZH } from '../../src/renderer/i18n/backend-messages.js';
import { screenshot } from './screenshot.js';
import { startE2eSession, type E2eSession } from './e2e-session.js';

const vectors = new URL('../../../../test-vectors/', import.meta.url);
const certificatePem = readFileSync(new URL('sender/apiclient_cert.pem', vectors), 'utf8');
const merchantKey = createPrivateKey(readFileSync(new URL('sender/apiclient_key.pem', vectors)));
const SERIAL = new X509Certificate(certificatePem).serialNumber.toUpperCase();
const PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const body = JSON.stringify({ out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: '1900016681', audit_result: 'REJECT', audit_finish_time: '2015-05-20T13:29:35+08:00', fail_code: '1001', fail_msg: '身份证照片模糊，请重新上传', attach_info: 'updateidcard' });

// GBK bytes of `text` from the decoder's own table (no GBK encoder exists in Node).
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const out: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) {
      out.push(char.charCodeAt(0));
      continue;
    }
    let code: number[] | undefined;
    for (let lead = 0x81; lead <= 0xfe && !code; lead++) {
      for (let trail = 0x40; trail <= 0xfe && !code; trail++) if (trail !== 0x7f && decoder.decode(new Uint8Array([lead, trail])) === char) code = [lead, trail];
    }
    if (!code) throw new Error(`no GBK code for ${char}`);
    out.push(...code);
  }
  return Buffer.from(out);
}

// A captured request whose signature was made the way `mistake` says.
function captured(mistake: { eol?: string; signedBody?: Buffer; serialNo?: string }): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';
  const eol = mistake.eol ?? '\n';
  const message = Buffer.concat([Buffer.from(['POST', PATH, timestamp, nonce].map((l) => l + eol).join('')), mistake.signedBody ?? Buffer.from(body), Buffer.from(eol)]);
  const signature = createSign('RSA-SHA256').update(message).sign(merchantKey, 'base64');
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${mistake.serialNo ?? SERIAL}"`;
  return [`POST ${PATH} HTTP/1.1`, 'Host: notify.example.com', `Authorization: ${authorization}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
}

const CASES = [
  { code: 'BODY_SIGNED_AS_GBK', request: () => captured({ signedBody: gbk(body) }) },
  { code: 'SERIAL_IN_DECIMAL', request: () => captured({ serialNo: BigInt(`0x${SERIAL}`).toString(10) }) },
  { code: 'MESSAGE_CRLF', request: () => captured({ eol: '\r\n' }) },
] as const;

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession();
  const imported = await session.api.keys.import({ role: 'merchant', label: 'Test vectors', mchid: '1900016681', certificate: { text: certificatePem } });
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
}, 60_000);

afterAll(() => session?.stop());

describe('Decode names integration mistakes by their own cause (Debian Chromium)', { timeout: 120_000 }, () => {
  for (const item of CASES) {
    it(`names ${item.code}, in English and in Chinese`, async () => {
      const page: Page = await session.openApp('en', 1280, 1040);
      await page.getByTestId('nav-decode').click();
      await page.getByTestId('decode-input').fill(item.request());
      await page.getByTestId('decode-run').click();
      // The signature does not verify with the key the request names: 'signature-invalid', or 'unverifiable'
      // when the serial it names is no stored key's (SERIAL_IN_DECIMAL); never 'verified'.
      const verdict = page.locator('[data-testid="decode-verdict"][data-kind]');
      await verdict.waitFor();
      expect(['signature-invalid', 'unverifiable']).toContain(await verdict.getAttribute('data-kind'));
      const cause = page.getByTestId('likely-cause');
      expect(await cause.getAttribute('data-code')).toBe(item.code);
      expect(await page.getByTestId('likely-cause-title').textContent()).not.toBe(BACKEND_MESSAGES_ZH.causeTitle[item.code]);
      await screenshot(page, `decode-cause-${item.code.toLowerCase()}`);

      await page.getByTestId('lang-zh').click();
      expect(await page.getByTestId('likely-cause-title').textContent()).toBe(BACKEND_MESSAGES_ZH.causeTitle[item.code]);
      expect(await cause.textContent()).toContain(item.code);
      await screenshot(page, `decode-cause-${item.code.toLowerCase()}-zh`);
      await page.close();
    });
  }
});
