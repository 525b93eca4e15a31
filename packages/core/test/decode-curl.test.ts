import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCurlCommand } from '../src/decode/index.js';
import { parseNotification } from '../src/schema/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { decodeFailure } from './decode-helpers.js';
import { sampleCurlCommand, sampleNotification } from '../src/testing.js';

const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const SEED_CURL = sampleCurlCommand();
// The body of the documentation's 请求示例 as written between the single quotes of its -d: the decoder must keep it byte
// for byte (layout, spaces before the colons, line breaks).
const SEED_BODY = /-d '([^']*)'/.exec(SEED_CURL)?.[1] ?? '';

describe('parseCurlCommand', () => {
  it("decodes the documentation's example: continuations, escaped quotes and a body spanning lines", () => {
    const req = parseCurlCommand(SEED_CURL);
    expect(req.method).toBe('POST');
    expect(req.url).toBe(NOTIFY_PATH);
    expect(req.headers).toEqual({
      host: 'api.mch.weixin.qq.com',
      authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1900000001",...',
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': String(new TextEncoder().encode(SEED_BODY).length),
    });
    expect(text(req.body)).toBe(SEED_BODY);
    expect(parseNotification(JSON.parse(text(req.body))).notification).toEqual(sampleNotification());
  });

  it('decodes the same command with Windows line endings after each backslash', () => {
    const req = parseCurlCommand(SEED_CURL.replace(/\\\n/g, '\\\r\n'));
    expect(req.url).toBe(NOTIFY_PATH);
    expect(text(req.body)).toBe(SEED_BODY);
  });

  it('keeps the query as written and drops the fragment', () => {
    const req = parseCurlCommand("curl 'https://api2.mch.weixin.qq.com:8443/v3/x?b=%E4%B8%AD&a=1#frag'");
    expect(req).toMatchObject({ method: 'GET', url: '/v3/x?b=%E4%B8%AD&a=1', headers: { host: 'api2.mch.weixin.qq.com:8443', accept: '*/*' } });
    expect(req.body).toHaveLength(0);
    expect(req.headers).not.toHaveProperty('content-length');
  });

  it('reads attached and clustered short options (-XPUT, -sSLk, -HAccept:…)', () => {
    const req = parseCurlCommand("curl -sSLk -XPUT -H'Accept: text/plain' -d'a=1' http://h/p");
    expect(req.method).toBe('PUT');
    expect(req.headers.accept).toBe('text/plain');
    expect(text(req.body)).toBe('a=1');
  });

  it('joins several -d with & and defaults the content type like curl', () => {
    const req = parseCurlCommand('curl http://h/p -d a=1 --data-raw @b --data-binary c=3');
    expect(req.method).toBe('POST');
    expect(text(req.body)).toBe('a=1&@b&c=3');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['content-length']).toBe('10');
  });

  it('sends --json with JSON content type and accept', () => {
    const req = parseCurlCommand(`curl --json '{"a":1}' http://h/p`);
    expect(req.method).toBe('POST');
    expect(req.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('moves data into the query with -G', () => {
    const req = parseCurlCommand('curl -G http://h/p?x=1 -d y=2 --data-urlencode "z=a b"');
    expect(req).toMatchObject({ method: 'GET', url: '/p?x=1&y=2&z=a%20b' });
    expect(req.body).toHaveLength(0);
  });

  it('removes a default header with -H "Name:" and sends an empty one with "Name;"', () => {
    const req = parseCurlCommand('curl -H "Accept:" -H "X-Empty;" http://h/');
    expect(req.headers).not.toHaveProperty('accept');
    expect(req.headers['x-empty']).toBe('');
  });

  it('joins a repeated -H and lets -H replace a default', () => {
    const req = parseCurlCommand('curl -H "X-A: 1" -H "x-a: 2" -H "Host: example.com" http://h/');
    expect(req.headers['x-a']).toBe('1, 2');
    expect(req.headers.host).toBe('example.com');
  });

  it('keeps a "__proto__" header as data', () => {
    const req = parseCurlCommand('curl -H "__proto__: x" http://h/');
    expect(Object.getPrototypeOf(req.headers)).toBe(Object.prototype);
    expect(Object.keys(req.headers)).toContain('__proto__');
  });

  it("decodes $'…' quotes: \\n, \\u escapes and UTF-8 bytes written as \\x", () => {
    const req = parseCurlCommand("curl http://h/ --data-raw $'{\"m\":\"\\u8eab\\xe4\\xbb\\xbd\\\\n\"}\\n'");
    expect(text(req.body)).toBe('{"m":"身份\\n"}\n');
  });

  it('keeps backslashes inside double quotes except before $ ` " \\ and newline', () => {
    const req = parseCurlCommand('curl http://h/ -d "a\\\\b \\"q\\" \\$x \\n"');
    expect(text(req.body)).toBe('a\\b "q" $x \\n');
  });

  it('accepts a copied prompt, a path to curl, comments and flags that do not change the request', () => {
    const req = parseCurlCommand('$ /usr/bin/curl -v --compressed --max-time 5 -o out.txt http://h/p # trailing comment');
    expect(req).toMatchObject({ method: 'GET', url: '/p' });
  });

  it('defaults to http:// without a scheme and sets the version from --http1.0', () => {
    const req = parseCurlCommand('curl --http1.0 h:8080/p');
    expect(req.headers.host).toBe('h:8080');
    expect(req.httpVersion).toBe('1.0');
  });

  it.each([
    ['curl http://h/ -d @body.json', '@file'],
    ['curl http://h/ --data-binary @-', '@file'],
    ['curl http://h/ -F a=1', 'multipart'],
    ['curl -T f http://h/', 'file'],
  ])('refuses %s, which needs a file', (command, hint) => {
    expect(decodeFailure(() => parseCurlCommand(command)).message).toContain(hint);
  });

  it('names the line where an unterminated quote opens', () => {
    const error = decodeFailure(() => parseCurlCommand("curl http://h/ \\\n  -H 'Accept: x' \\\n  -d '{\"a\":1}\n"));
    expect(error.detail).toMatchObject({ line: 3 });
    expect(String(error.detail?.issue)).toContain('never closed');
  });

  it.each([
    ['wget http://h/', 'starting with "curl"'],
    ['', 'starting with "curl"'],
    ['curl -v', 'no URL'],
    ['curl http://a/ http://b/', 'second URL'],
    ['curl -X', 'needs a value'],
    ['curl -X "PO ST" http://h/', 'not an HTTP method'],
    ['curl -H "Bad Name: 1" http://h/', 'not a valid header name'],
    ["curl 'http:///nohost'", 'with a host'],
  ])('fails cleanly on %j', (command, hint) => {
    expect(decodeFailure(() => parseCurlCommand(command)).message).toContain(hint);
  });

  it('round-trips a random request written as a curl command (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
    const reserved = new Set(['host', 'accept', 'content-type', 'content-length', 'transfer-encoding']);
    const request = fc.record({
      method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
      path: fc.stringMatching(/^(\/[A-Za-z0-9._~%-]{1,12}){1,4}(\?[A-Za-z0-9=&%._~-]{0,20})?$/),
      headers: fc.uniqueArray(fc.tuple(token, headerValue), { selector: ([n]) => n.toLowerCase(), maxLength: 5 }).map((list) =>
        list.filter(([n]) => !reserved.has(n.toLowerCase())),
      ),
      body: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
      style: fc.constantFrom(' ', ' \\\n  ', ' \\\r\n\t'),
    });
    // Single-quote a shell word: close, escaped quote, reopen.
    const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    fc.assert(
      fc.property(request, ({ method, path, headers, body, style }) => {
        const parts = ['curl', '-X', method, sq(`https://api.example.test${path}`)];
        for (const [n, v] of headers) parts.push('-H', sq(`${n}: ${v}`));
        parts.push('-H', sq('Content-Type: application/json'), '--data-raw', sq(body));
        const req = parseCurlCommand(parts.join(style));
        expect(req.method).toBe(method);
        expect(req.url).toBe(path);
        expect(text(req.body)).toBe(body);
        expect(req.headers['content-length']).toBe(String(new TextEncoder().encode(body).length));
        for (const [n, v] of headers) expect(req.headers[n.toLowerCase()]).toBe(v);
      }),
    );
  });

  it('throws nothing but DECODE_FAILED on garbage (property)', () => {
    const shellish = fc.string({ unit: fc.constantFrom('curl', ' ', '-', 'X', 'H', 'd', '@', "'", '"', '$', '\\', '\n', '\r', 'http://', '/', ':', '#', 'u', 'x', 'e', '9', '=', '--data-urlencode', '--json', '-G', '中') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), shellish, shellish.map((s) => `curl ${s}`)), (input) => {
        try {
          parseCurlCommand(input);
        } catch (error) {
          expect(error).toBeInstanceOf(AuditNotifyError);
          expect((error as AuditNotifyError).code).toBe('DECODE_FAILED');
          expect(typeof (error as AuditNotifyError).detail?.line).toBe('number');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
