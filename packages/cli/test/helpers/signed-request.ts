// Requests signed in the test with node:crypto and the sender key of a key set written by `auditnotify
// keygen`: a signer independent of the code under test, so a request can be sent, replayed byte for byte,
// or re-signed with a fresh nonce.
import { randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFY_PATH, readManifest } from './cli.js';

export interface SignedHttpRequest {
  headers: Record<string, string>;
  body: string;
}

/** Signs `body` for the notify path as protocol.md §3 says, with a fresh nonce unless one is given. */
export function signRequest(keysDir: string, body: string, options: { nonce?: string; timestamp?: number } = {}): SignedHttpRequest {
  const manifest = readManifest(keysDir);
  const nonce = options.nonce ?? randomBytes(16).toString('hex').toUpperCase();
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const message = `POST\n${NOTIFY_PATH}\n${timestamp}\n${nonce}\n${body}\n`;
  const signature = sign('sha256', Buffer.from(message), readFileSync(join(keysDir, 'sender', 'apiclient_key.pem'), 'utf8')).toString('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'wechatpay-serial': manifest.wechatpay_public_key_id,
      authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${manifest.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${manifest.serial_no}"`,
    },
  };
}

/** POSTs a signed request to a listener and gives the status and the answer body. */
export async function post(origin: string, request: SignedHttpRequest): Promise<{ status: number; json: { code?: string; ret_msg?: string; detail?: { reason?: string } } }> {
  const response = await fetch(`${origin}${NOTIFY_PATH}`, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, json: (await response.json()) as { code?: string; ret_msg?: string; detail?: { reason?: string } } };
}
