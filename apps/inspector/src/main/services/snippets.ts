/**
 * `history.export`: code that re-creates a recorded request: a shell script that signs the exact bytes afresh
 * with openssl and sends them with curl (a replayed signature is refused, protocol.md §3), a Node program
 * (`@auditnotify/core`) that signs and sends the same exact bytes afresh, and Java and Go programs shaped like the
 * documentation's samples that sign afresh. Key files are placeholders: snippets never hold key material.
 */
import { NOTIFY_PATH, PRIMARY_HOST } from '@auditnotify/core';
import type { ExportLanguage, HistoryEntry } from '../../shared/api.js';

/**
 * One exported snippet.
 *
 * @example
 * ```ts
 * const snippet: Snippet = exportSnippet(entry, 'go');
 * writeFileSync(snippet.filename, snippet.code);
 * ```
 */
export interface Snippet {
  language: ExportLanguage;
  filename: string;
  code: string;
}

/**
 * Writes a snippet for a history entry.
 *
 * @example
 * ```ts
 * exportSnippet(history.get(id), 'curl').code.startsWith('#!/bin/sh'); // true
 * ```
 */
export function exportSnippet(entry: HistoryEntry, language: ExportLanguage): Snippet {
  const body = entry.request.body.text;
  const notification = parseObject(body);
  const mchid = typeof notification?.['mchid'] === 'string' ? (notification['mchid'] as string) : '19xxxxxxxx';
  const url = entry.request.url.startsWith('http') ? entry.request.url : `${PRIMARY_HOST}${entry.request.url || NOTIFY_PATH}`;
  const serial = /serial_no="([^"]*)"/.exec(headerOf(entry, 'authorization') ?? '')?.[1] ?? '1DDE55AD98Exxxxxxxxxx';
  const answerKeyId = headerOf(entry, 'wechatpay-serial') ?? 'PUB_KEY_ID_xxxxxxxxxxxxx';
  switch (language) {
    case 'curl':
      return { language, filename: 'notify.sh', code: curlSnippet(entry, url) };
    case 'node':
      return { language, filename: 'notify.mjs', code: nodeSnippet(entry, url, mchid, serial, answerKeyId) };
    case 'java':
      return { language, filename: 'AuditResultNotify.java', code: javaSnippet(url, body, mchid, serial, answerKeyId) };
    case 'go':
      return { language, filename: 'main.go', code: goSnippet(url, body, mchid, serial, answerKeyId) };
  }
}

function headerOf(entry: HistoryEntry, name: string): string | undefined {
  const found = Object.entries(entry.request.headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function curlSnippet(entry: HistoryEntry, url: string): string {
  const authorization = headerOf(entry, 'authorization') ?? '';
  const field = (name: string, fallback: string) => new RegExp(`${name}="([^"]*)"`).exec(authorization)?.[1] ?? fallback;
  const answerKeyId = headerOf(entry, 'wechatpay-serial');
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url)?.[1] || NOTIFY_PATH;
  const preview = entry.request.body.text.split(/\r?\n/).slice(0, 20).map((line) => `#   ${line}`);
  return [
    '#!/bin/sh',
    '# Sends the recorded body again with a FRESH signature on every run (an old one is refused as stale or',
    '# replayed, protocol.md §3): a new timestamp and nonce, openssl signs METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY\\n',
    '# with the merchant private key, and curl sends exactly the bytes that were signed.',
    '# Run: AUDITNOTIFY_KEY=/path/to/apiclient_key.pem sh notify.sh   (the key never leaves this machine)',
    '# The body it sends, as text (the exact bytes are the Base64 below):',
    ...preview,
    'set -eu',
    'KEY="${AUDITNOTIFY_KEY:-apiclient_key.pem}"',
    `METHOD=${shellQuote(entry.request.method)}`,
    `URL=${shellQuote(url)}`,
    `URL_PATH=${shellQuote(path)}`,
    `MCHID=${shellQuote(field('mchid', '19xxxxxxxx'))}`,
    `SERIAL_NO=${shellQuote(field('serial_no', '1DDE55AD98Exxxxxxxxxx'))}`,
    'WORK=$(mktemp -d)',
    'trap \'rm -rf "$WORK"\' EXIT',
    `printf '%s' ${shellQuote(entry.request.body.base64)} | openssl base64 -d -A > "$WORK/body"`,
    'TIMESTAMP=$(date +%s)',
    "NONCE=$(openssl rand -hex 16 | tr 'a-f' 'A-F')",
    `{ printf '%s\\n%s\\n%s\\n%s\\n' "$METHOD" "$URL_PATH" "$TIMESTAMP" "$NONCE"; cat "$WORK/body"; printf '\\n'; } > "$WORK/message"`,
    'SIGNATURE=$(openssl dgst -sha256 -sign "$KEY" "$WORK/message" | openssl base64 -A)',
    'curl -sS -X "$METHOD" "$URL" \\',
    "  -H 'Content-Type: application/json' -H 'Accept: application/json' \\",
    ...(answerKeyId === undefined ? [] : [`  -H ${shellQuote(`Wechatpay-Serial: ${answerKeyId}`)} \\`]),
    '  -H "Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\\"$MCHID\\",nonce_str=\\"$NONCE\\",signature=\\"$SIGNATURE\\",timestamp=\\"$TIMESTAMP\\",serial_no=\\"$SERIAL_NO\\"" \\',
    '  --data-binary @"$WORK/body"',
    '',
  ].join('\n');
}

function nodeSnippet(entry: HistoryEntry, url: string, mchid: string, serial: string, answerKeyId: string): string {
  return `// Sends the recorded body again with @auditnotify/core, byte for byte: the bytes are the Base64 below, never
// re-serialised JSON (a body parsed and stringified again no longer matches what was signed).
// Every run signs them afresh (a new timestamp and nonce) and verifies the signed answer.
// Run: AUDITNOTIFY_KEY=/path/to/apiclient_key.pem AUDITNOTIFY_ANSWER_KEY=/path/to/wxp_pub.pem node notify.mjs
// The body it sends, as text:
${commentPreview(entry.request.body.text)}
import { loadPrivateKey, loadPublicKey, signRequest, verifyResponse } from '@auditnotify/core';

const method = ${JSON.stringify(entry.request.method)};
const url = new URL(${JSON.stringify(url)});
const body = Buffer.from(${JSON.stringify(entry.request.body.base64)}, 'base64');
const mchid = ${JSON.stringify(mchid)};
const serialNo = ${JSON.stringify(serial)}; // merchant certificate serial (serial_no)
const answerKeyId = ${JSON.stringify(answerKeyId)}; // Wechatpay-Serial of the key that signs the answer

const privateKey = loadPrivateKey({ path: process.env.AUDITNOTIFY_KEY ?? 'apiclient_key.pem' });
// The signed URL is the path and query exactly as fetch sends them.
const { authorization } = await signRequest({ method, url: url.pathname + url.search, body, mchid, serialNo, privateKey });
const response = await fetch(url, {
  method,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Wechatpay-Serial': answerKeyId, Authorization: authorization },
  body,
});
const answer = new Uint8Array(await response.arrayBuffer());
if (response.ok) {
  // 2xx: verify the answer's signature before trusting it.
  const publicKey = loadPublicKey({ path: process.env.AUDITNOTIFY_ANSWER_KEY ?? 'wxp_pub.pem' });
  await verifyResponse({ headers: response.headers, body: answer, publicKeys: new Map([[answerKeyId, publicKey]]) });
} else {
  process.exitCode = 1;
}
console.log(response.status, Buffer.from(answer).toString('utf8'));
`;
}

// Every JavaScript line terminator ends a // comment, U+2028 and U+2029 included.
function commentPreview(text: string): string {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).slice(0, 20).map((line) => `//   ${line}`).join('\n');
}

function javaSnippet(url: string, body: string, mchid: string, serial: string, answerKeyId: string): string {
  return `// Shaped like the documentation's sample: needs WXPayUtility (https://pay.weixin.qq.com/doc/v3/merchant/4014931831).
package com.java.demo;

import com.java.utils.WXPayUtility;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;

public class AuditResultNotify {
  private static final String URL = ${JSON.stringify(url)};
  private static final String METHOD = "POST";

  public static void main(String[] args) throws IOException {
    String mchid = ${JSON.stringify(mchid)};
    String certificateSerialNo = ${JSON.stringify(serial)};
    PrivateKey privateKey = WXPayUtility.loadPrivateKeyFromPath("/path/to/apiclient_key.pem");
    String wechatPayPublicKeyId = ${JSON.stringify(answerKeyId)};
    PublicKey wechatPayPublicKey = WXPayUtility.loadPublicKeyFromPath("/path/to/wxp_pub.pem");

    // The exact body: the signature covers these bytes (protocol.md §3).
    String reqBody = ${JSON.stringify(body)};
    String uri = URL.replaceFirst("^https?://[^/]+", "");

    Request httpRequest = new Request.Builder().url(URL)
        .addHeader("Accept", "application/json")
        .addHeader("Wechatpay-Serial", wechatPayPublicKeyId)
        .addHeader("Authorization", WXPayUtility.buildAuthorization(mchid, certificateSerialNo, privateKey, METHOD, uri, reqBody))
        .addHeader("Content-Type", "application/json")
        .method(METHOD, RequestBody.create(MediaType.parse("application/json; charset=utf-8"), reqBody))
        .build();

    try (Response httpResponse = new OkHttpClient.Builder().build().newCall(httpRequest).execute()) {
      String respBody = WXPayUtility.extractBody(httpResponse);
      if (httpResponse.code() >= 200 && httpResponse.code() < 300) {
        // 2XX: verify the answer's signature before trusting it.
        WXPayUtility.validateResponse(wechatPayPublicKeyId, wechatPayPublicKey, httpResponse.headers(), respBody);
        System.out.println(respBody);
      } else {
        throw new WXPayUtility.ApiException(httpResponse.code(), respBody, httpResponse.headers());
      }
    }
  }
}
`;
}

function goSnippet(url: string, body: string, mchid: string, serial: string, answerKeyId: string): string {
  return `// Shaped like the documentation's sample: needs wxpay_utility (https://pay.weixin.qq.com/doc/v3/merchant/4015119334).
package main

import (
	"bytes"
	"demo/wxpay_utility"
	"fmt"
	"net/http"
	"net/url"
)

func main() {
	config, err := wxpay_utility.CreateMchConfig(
		${JSON.stringify(mchid)},
		${JSON.stringify(serial)},
		"/path/to/apiclient_key.pem",
		${JSON.stringify(answerKeyId)},
		"/path/to/wxp_pub.pem",
	)
	if err != nil {
		fmt.Println(err)
		return
	}

	// The exact body: the signature covers these bytes (protocol.md §3).
	reqBody := []byte(${goString(body)})
	reqUrl, err := url.Parse(${JSON.stringify(url)})
	if err != nil {
		fmt.Println(err)
		return
	}
	httpRequest, err := http.NewRequest("POST", reqUrl.String(), bytes.NewReader(reqBody))
	if err != nil {
		fmt.Println(err)
		return
	}
	httpRequest.Header.Set("Accept", "application/json")
	httpRequest.Header.Set("Wechatpay-Serial", config.WechatPayPublicKeyId())
	httpRequest.Header.Set("Content-Type", "application/json")
	authorization, err := wxpay_utility.BuildAuthorization(config.MchId(), config.CertificateSerialNo(), config.PrivateKey(), "POST", reqUrl.RequestURI(), reqBody)
	if err != nil {
		fmt.Println(err)
		return
	}
	httpRequest.Header.Set("Authorization", authorization)

	httpResponse, err := (&http.Client{}).Do(httpRequest)
	if err != nil {
		fmt.Println(err)
		return
	}
	respBody, err := wxpay_utility.ExtractResponseBody(httpResponse)
	if err != nil {
		fmt.Println(err)
		return
	}
	if httpResponse.StatusCode >= 200 && httpResponse.StatusCode < 300 {
		// 2XX: verify the answer's signature before trusting it.
		if err := wxpay_utility.ValidateResponse(config.WechatPayPublicKeyId(), config.WechatPayPublicKey(), &httpResponse.Header, respBody); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("success: %s\\n", respBody)
	} else {
		fmt.Printf("failed: %d %s\\n", httpResponse.StatusCode, respBody)
	}
}
`;
}

function goString(text: string): string {
  return text.includes('`') ? JSON.stringify(text) : `\`${text}\``;
}
