#!/usr/bin/env node
// Writes the corpus of real integration mistakes: for each case a captured request as raw HTTP
// (cases/<id>.http) and as a curl command (cases/<id>.sh), plus manifest.json naming the public thread the
// mistake comes from and the cause `auditnotify decode` must name. It uses node:crypto (and the openssl
// command, once, for the rotation certificate) with the keys in ../sender and ../receiver — never this
// repository's own code, so the corpus checks the code from outside.
//
// Run: node test-vectors/corpus/generate.mjs
// RSASSA-PKCS1-v1_5 is deterministic and every input is fixed, so a rerun writes the same bytes (the rotation
// certificate is made once and then kept), except the RSA-PSS case, whose salt is random by design.
import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, createSign, sign as signWith, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vectors = join(here, '..');
const merchantKey = createPrivateKey(readFileSync(join(vectors, 'sender', 'apiclient_key.pem')));
const answerKey = createPrivateKey(readFileSync(join(vectors, 'receiver', 'wxp_key.pem')));
const SERIAL = new X509Certificate(readFileSync(join(vectors, 'sender', 'apiclient_cert.pem'))).serialNumber.toUpperCase();
const { mchid: MCHID, wechatpay_public_key_id: PUB_KEY_ID } = JSON.parse(readFileSync(join(vectors, 'vectors.json'), 'utf8'));
const PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const HOST = 'notify.example.com';
const TIMESTAMP = 1757900000;
const NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242';

// The rotation certificate: a second merchant certificate a receiver holds beside the current one.
const rotationCert = join(here, 'rotation_cert.pem');
if (!existsSync(rotationCert)) {
  const key = join(here, 'rotation_key.tmp.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', rotationCert, '-days', '3650', '-subj', `/CN=${MCHID}`, '-set_serial', '0x3A1B2C3D4E5F60718293A4B5C6D7E8F901234567'], { stdio: ['ignore', 'ignore', 'pipe'] });
  rmSync(key);
}

const documented = { out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: MCHID, audit_result: 'PASS', audit_finish_time: '2015-05-20T13:29:35+08:00', attach_info: 'updateidcard' };
const rejected = { out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn', mchid: MCHID, audit_result: 'REJECT', audit_finish_time: '2015-05-20T13:29:35+08:00', fail_code: '1001', fail_msg: '身份证照片模糊，请重新上传', attach_info: 'updateidcard' };
const withSlashes = { ...documented, attach_info: 'https://shop.example.com/orders/2015/05/20' };
const compact = (value) => JSON.stringify(value);
const sortedKeys = (value) => JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));
const escapeUnicode = (text) => text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const escapeSlashes = (text) => text.replace(/\//g, '\\/');
const gbk = (text) => {
  // GBK bytes through the decoder's table (Node encodes no GBK): each two-byte code that decodes to a character.
  const decoder = new TextDecoder('gbk');
  const out = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) { out.push(char.charCodeAt(0)); continue; }
    let found;
    for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
      for (let trail = 0x40; trail <= 0xfe && !found; trail++) if (trail !== 0x7f && decoder.decode(new Uint8Array([lead, trail])) === char) found = [lead, trail];
    }
    if (!found) throw new Error(`no GBK code for ${char}`);
    out.push(...found);
  }
  return Buffer.from(out);
};
const latin1Lossy = (text) => text.replace(/[^\u0000-\u00ff]/g, '?');
const utf8 = (text) => Buffer.from(text, 'utf8');
const lines = (parts, eol = '\n', final = true) => Buffer.concat([utf8(parts.slice(0, -1).map((p) => p + eol).join('')), Buffer.isBuffer(parts.at(-1)) ? parts.at(-1) : utf8(parts.at(-1)), utf8(final ? eol : '')]);
const sign = (key, message, pss = false) =>
  pss
    ? signWith('sha256', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString('base64')
    : createSign('RSA-SHA256').update(message).sign(key, 'base64');

// One case: what was sent, and how the sender got its signature wrong (`signed` overrides the signed parts).
// Each mistake cites the public thread it was reported in.
const CASES = [
  { id: 'control-documentation-example', expect: 'verified', thread: null, title: "The documentation's example, signed correctly", body: compact(documented) },
  { id: 'control-chinese-reject', expect: 'verified', thread: null, title: 'A rejection with a Chinese reason, signed correctly over its UTF-8 bytes', body: compact(rejected) },
  { id: 'control-key-rotation', expect: 'verified', thread: 'https://github.com/binarywang/WxJava/pull/3451', title: 'Signed with the current certificate while the receiver holds the old and the new one (--sender-cert twice)', body: compact(documented), extraCerts: ['rotation_cert.pem'] },
  { id: 'php-unicode-escaped', expect: 'JSON_UNICODE_ESCAPED', language: 'PHP', thread: 'https://github.com/w7corp/easywechat/pull/874', title: 'Signed json_encode($data) (Chinese as \\uXXXX) but sent the body with JSON_UNESCAPED_UNICODE', body: compact(rejected), signed: { body: escapeUnicode(compact(rejected)) } },
  { id: 'php-slashes-escaped', expect: 'JSON_SLASHES_ESCAPED', language: 'PHP', thread: 'https://github.com/alipay/alipay-easysdk/pull/298', title: 'Signed json_encode($data) (every / as \\/) but sent it with JSON_UNESCAPED_SLASHES', body: compact(withSlashes), signed: { body: escapeSlashes(compact(withSlashes)) } },
  { id: 'signed-with-platform-key', expect: 'SIGNED_WITH_ANSWER_KEY', language: 'PHP', thread: 'https://github.com/wechatpay-apiv3/wechatpay-php/issues/82', title: "Signed with the platform (answer) key's private key instead of the merchant key", body: compact(documented), signed: { key: 'answer' } },
  { id: 'serial-in-decimal', expect: 'SERIAL_IN_DECIMAL', language: 'Java', thread: 'https://github.com/wechatpay-apiv3/wechatpay-apache-httpclient/issues/47', title: 'serial_no from String.valueOf(cert.getSerialNumber()): the serial in decimal', body: compact(documented), serialNo: BigInt(`0x${SERIAL}`).toString(10) },
  { id: 'serial-in-decimal-go', expect: 'SERIAL_IN_DECIMAL', language: 'Go', thread: 'https://github.com/wechatpay-apiv3/wechatpay-go/issues/214', title: 'serial_no from cert.SerialNumber.String(): the serial in decimal', body: compact(rejected), serialNo: BigInt(`0x${SERIAL}`).toString(10) },
  { id: 'serial-is-pub-key-id', expect: 'SERIAL_IS_PUB_KEY_ID', language: 'Java', thread: 'https://github.com/binarywang/WxJava/pull/3451', title: 'serial_no set to the PUB_KEY_ID of the WeChat Pay public key', body: compact(documented), serialNo: PUB_KEY_ID },
  { id: 'message-without-final-newline', expect: 'MESSAGE_NO_FINAL_NEWLINE', language: 'PHP', thread: 'https://github.com/zoujingli/WeChatDeveloper/pull/62', title: 'The signing message joined with "\\n" between lines but not after the last', body: compact(documented), signed: { final: false } },
  { id: 'message-crlf', expect: 'MESSAGE_CRLF', language: 'Java', thread: 'https://github.com/binarywang/WxJava/pull/2246', title: 'The signing message built with String.format("%s%n…") on Windows: CRLF line ends', body: compact(documented), signed: { eol: '\r\n' } },
  { id: 'method-lower-case', expect: 'METHOD_LOWER_CASE', language: 'Node', thread: 'https://github.com/aws/aws-sdk-js-v3/issues/3612', title: 'The method signed as given to the HTTP client ("post"), which sends POST', body: compact(documented), signed: { method: 'post' } },
  { id: 'json-keys-reordered', expect: 'JSON_KEYS_REORDERED', language: 'PHP', thread: 'https://github.com/yansongda/pay/issues/1181', title: 'Signed the body with its keys sorted, then sent the fields in another order', body: compact(rejected), signed: { body: sortedKeys(rejected) } },
  { id: 'body-json-string-literal', expect: 'BODY_DOUBLE_ENCODED', language: 'Node', thread: 'https://github.com/uphold/uphold-sdk-javascript/pull/7', title: 'Signed the JSON text, then handed that string to a client that serialised it again', body: JSON.stringify(compact(documented)), signed: { body: compact(documented) } },
  { id: 'signed-as-gbk', expect: 'BODY_SIGNED_AS_GBK', language: 'Java', thread: 'https://github.com/wechatpay-apiv3/wechatpay-apache-httpclient/issues/42', title: 'The message turned into bytes with the GBK default charset, the body sent as UTF-8', body: compact(rejected), signed: { body: gbk(compact(rejected)) } },
  { id: 'sent-as-iso-8859-1', expect: 'BODY_SENT_AS_LATIN1', language: 'Java', thread: 'https://github.com/wechatpay-apiv3/wechatpay-java/issues/352', title: 'Signed the UTF-8 text, sent through a StringEntity without a charset: ISO-8859-1, Chinese became "?"', body: latin1Lossy(compact(rejected)), signed: { body: compact(rejected) } },
  { id: 'url-with-proxy-prefix', expect: 'URL_PROXY_PREFIX_SIGNED', language: 'Java', thread: 'https://github.com/binarywang/WxJava/pull/3968', title: 'Signed the URL with the /api-weixin prefix that the gateway strips (X-Forwarded-Prefix)', body: compact(documented), signed: { url: `/api-weixin${PATH}` }, headers: { 'X-Forwarded-Prefix': '/api-weixin' } },
  { id: 'url-without-leading-slash', expect: 'URL_NO_LEADING_SLASH', language: 'PHP', thread: 'https://github.com/yansongda/pay/issues/1180', title: 'Signed the path without its leading /', body: compact(documented), signed: { url: PATH.slice(1) } },
  { id: 'timestamp-read-twice', expect: 'TIMESTAMP_NOT_AS_SIGNED', language: 'Java', thread: 'https://github.com/binarywang/WxJava/issues/284', title: 'The clock read once for the signature and again (a second later) for the header', body: compact(documented), signed: { timestamp: TIMESTAMP - 1 } },
  { id: 'nonce-generated-twice', expect: 'NONCE_NOT_AS_SIGNED', language: 'Java', thread: 'https://github.com/binarywang/WxJava/issues/284', title: 'nonce_str = String.valueOf(System.currentTimeMillis()), generated again for the header', body: compact(documented), nonce: '1757900000123', signed: { nonce: '1757900000118' } },
  { id: 'python-spaced-json', expect: 'BODY_RESERIALISED', language: 'Python', thread: 'https://github.com/minibear2021/wechatpayv3/issues/92', title: 'Signed json.dumps with ", " and ": " separators, the HTTP client sent compact JSON', body: compact(rejected), signed: { body: JSON.stringify(rejected).replace(/","/g, '", "').replace(/":"/g, '": "') } },
  { id: 'signed-with-rsa-pss', expect: 'SIGNATURE_ALGORITHM', language: 'Python', thread: 'https://github.com/minibear2021/wechatpayv3/issues/88', title: 'Signed with RSA-PSS padding instead of PKCS#1 v1.5', body: compact(documented), signed: { pss: true } },
  { id: 'timestamp-in-milliseconds', expect: 'TIMESTAMP_IN_MILLISECONDS', language: 'Node', thread: 'https://github.com/raohuaming/meteor-wechat-js/issues/3', title: 'The timestamp taken from Date.now(): milliseconds, signed and sent', body: compact(documented), timestamp: TIMESTAMP * 1000 + 123 },
  { id: 'query-not-signed', expect: 'QUERY_MISMATCH', language: 'Node', thread: 'https://github.com/hpyer/node-easywechat/issues/60', title: 'The notify URL carries a query string that the signed URL left out', body: compact(documented), url: `${PATH}?source=wechatpay`, signed: { url: PATH } },
  { id: 'signed-empty-body', expect: 'BODY_SIGNED_EMPTY', language: 'Node', thread: 'https://github.com/TheNorthMemory/wechatpay-axios-plugin/issues/58', title: 'The signature made before the body was attached: an empty body line', body: compact(documented), signed: { body: '' } },
];

const out = join(here, 'cases');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const manifest = [];
for (const c of CASES) {
  const signed = c.signed ?? {};
  const nonce = c.nonce ?? NONCE;
  const body = Buffer.isBuffer(c.body) ? c.body : utf8(c.body);
  const signedBody = signed.body === undefined ? body : Buffer.isBuffer(signed.body) ? signed.body : utf8(signed.body);
  const url = c.url ?? PATH;
  const timestamp = c.timestamp ?? TIMESTAMP;
  const message = lines([signed.method ?? 'POST', signed.url ?? url, String(signed.timestamp ?? timestamp), signed.nonce ?? nonce, signedBody], signed.eol ?? '\n', signed.final ?? true);
  const signature = sign(signed.key === 'answer' ? answerKey : merchantKey, message, signed.pss === true);
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${MCHID}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${c.serialNo ?? SERIAL}"`;
  const headers = { Host: HOST, Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json', 'Wechatpay-Serial': PUB_KEY_ID, ...(c.headers ?? {}) };
  const head = [`POST ${url} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.length}`, '', ''].join('\r\n');
  writeFileSync(join(out, `${c.id}.http`), Buffer.concat([utf8(head), body]));
  if (body.includes(0x27)) throw new Error(`${c.id}: the body holds a single quote, which the curl form cannot quote`);
  const curl = [`curl -X POST 'https://${HOST}${url}'`, ...Object.entries(headers).filter(([k]) => k !== 'Host').map(([k, v]) => `-H '${k}: ${v}'`), `--data-raw '${body.toString('utf8')}'`].join(' \\\n  ');
  writeFileSync(join(out, `${c.id}.sh`), `${curl}\n`);
  manifest.push({ id: c.id, title: c.title, expect: c.expect, ...(c.language ? { language: c.language } : {}), thread: c.thread, senderCerts: [...(c.extraCerts ?? []).map((f) => `corpus/${f}`), 'sender/apiclient_cert.pem'], now: TIMESTAMP });
}
writeFileSync(join(here, 'manifest.json'), `${JSON.stringify({ answerKey: 'receiver/wxp_key.pem', answerKeyId: PUB_KEY_ID, cases: manifest }, null, 2)}\n`);
console.log(`wrote ${manifest.length} cases to ${out}`);
