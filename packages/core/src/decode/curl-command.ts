import { decodeError } from './decode-error.js';
import { clip, isToken, splitAbsoluteUrl } from './http-message.js';
import type { RawHttpRequest } from './raw-http-request.js';
import { splitShellWords, type ShellWord } from './shell-words.js';

const encoder = new TextEncoder();

type DataKind = 'data' | 'raw' | 'binary' | 'urlencode' | 'json';

// Options whose value is read and ignored: they change how curl connects, not what it sends.
const IGNORED_WITH_VALUE = new Set([
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '--cacert',
  '--capath', '-E', '--cert', '--key', '--cert-type', '--key-type', '--pass', '--resolve', '--connect-to',
  '--retry', '--retry-delay', '--retry-max-time', '-c', '--cookie-jar', '--limit-rate', '-y', '--speed-time',
  '-Y', '--speed-limit', '--interface', '--dns-servers', '-U', '--proxy-user', '--max-redirs', '--tls-max',
  '--ciphers', '--unix-socket', '--abstract-unix-socket', '--noproxy', '--trace', '--trace-ascii', '--stderr',
  '-D', '--dump-header', '--expect100-timeout', '--keepalive-time', '--local-port', '--max-filesize',
  '--proto', '--proto-redir', '--pinnedpubkey', '--crlfile', '--engine', '--proxy-cacert', '--preproxy',
  '--happy-eyeballs-timeout-ms', '--netrc-file', '--output-dir', '--create-file-mode', '--variable', '-C',
  '--continue-at', '-t', '--telnet-option', '-z', '--time-cond', '-Q', '--quote', '-P', '--ftp-port',
]);
const REFUSED_WITH_VALUE: Record<string, string> = {
  '-F': 'multipart forms (-F/--form) are not supported: the notification is a JSON body',
  '--form': 'multipart forms (-F/--form) are not supported: the notification is a JSON body',
  '--form-string': 'multipart forms (--form-string) are not supported: the notification is a JSON body',
  '-T': 'uploading a file (-T) cannot be decoded from text: paste the body with -d',
  '--upload-file': 'uploading a file (--upload-file) cannot be decoded from text: paste the body with -d',
  '-K': 'a config file (-K/--config) cannot be read from pasted text',
  '--config': 'a config file (-K/--config) cannot be read from pasted text',
};
const SHORT_WITH_VALUE = new Set('XHdAebuFTomwxEKryYUzDCPQt'.split(''));

/**
 * Decodes a pasted curl command into the request curl would send. Understands `\` line continuations, single,
 * double and `$'…'` quotes, `-X`/`--request`, `-H`/`--header`, `-d`/`--data`/`--data-ascii`,
 * `--data-raw`, `--data-binary`, `--data-urlencode`, `--json`, `-G`, `-I`, `-A`, `-e`, `-b`, `-u`,
 * `--url`, `--http1.0`/`--http2`; options that only change the connection are skipped. Like curl: several
 * data options join with `&`; a body makes the method POST and defaults `content-type` to
 * `application/x-www-form-urlencoded`; `host`, `content-length` and `accept: *\/*` are filled in; `-H "Name:"`
 * removes a header. The URL becomes path + query (as written, fragment dropped), its host kept in `host`.
 * Reading files (`-d @file`, `-T`, `-F`) cannot work on pasted text and fails. Throws only
 * `AuditNotifyError('DECODE_FAILED')` with `detail.line` and `detail.issue`.
 *
 * @example
 * ```ts
 * const req = parseCurlCommand(`curl -X POST \\
 *   https://api.mch.weixin.qq.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify \\
 *   -H "Content-Type: application/json" \\
 *   -d '{"out_request_no":"R1","mchid":"1900016681","audit_result":"PASS"}'`);
 * req.method; // 'POST'
 * req.headers.host; // 'api.mch.weixin.qq.com'
 * ```
 */
export function parseCurlCommand(text: string): RawHttpRequest {
  const words = splitShellWords(text);
  let index = 0;
  if (words[index]?.value === '$') index++; // a copied prompt
  const command = words[index];
  if (!command || !/(^|[/\\])curl(\.exe)?$/i.test(command.value)) {
    throw decodeError(command?.line ?? 1, `expected a command starting with "curl", got "${clip(command?.value ?? '')}"`);
  }
  index++;

  let method: string | undefined;
  let url: ShellWord | undefined;
  let head = false;
  let get = false;
  let httpVersion = '1.1';
  const data: { kind: DataKind; value: string }[] = [];
  const headerLines: ShellWord[] = [];
  const implicit: Record<string, string> = {};
  let onlyUrls = false;

  const setUrl = (word: ShellWord) => {
    if (url) throw decodeError(word.line, `a second URL "${clip(word.value)}": decode one request at a time`);
    url = word;
  };

  while (index < words.length) {
    const word = words[index++] as ShellWord;
    const arg = word.value;
    if (onlyUrls || !arg.startsWith('-') || arg === '-') {
      setUrl(word);
      continue;
    }
    if (arg === '--') {
      onlyUrls = true;
      continue;
    }
    // Normalise to [option, value?]: a short option may carry its value in the same word (-XPOST) or be
    // a cluster of flags (-sSL).
    let option = arg;
    let attached: string | undefined;
    if (!arg.startsWith('--')) {
      let k = 1;
      while (k < arg.length && !SHORT_WITH_VALUE.has(arg[k] as string)) {
        applyFlag(`-${arg[k]}`);
        k++;
      }
      if (k >= arg.length) continue;
      option = `-${arg[k]}`;
      if (k + 1 < arg.length) attached = arg.slice(k + 1);
    }
    const refused = REFUSED_WITH_VALUE[option];
    if (refused !== undefined) throw decodeError(word.line, refused);
    if (!takesValue(option)) {
      applyFlag(option);
      continue;
    }
    let value: ShellWord;
    if (attached !== undefined) value = { value: attached, line: word.line };
    else {
      const next = words[index++];
      if (!next) throw decodeError(word.line, `${option} needs a value`);
      value = next;
    }
    applyValue(option, value);
  }

  function applyFlag(option: string) {
    if (option === '-I' || option === '--head') head = true;
    else if (option === '-G' || option === '--get') get = true;
    else if (option === '-0' || option === '--http1.0') httpVersion = '1.0';
    else if (option === '--http1.1') httpVersion = '1.1';
    else if (option === '--http2' || option === '--http2-prior-knowledge') httpVersion = '2';
    // Every other flag (-s, -v, -k, -L, --compressed …) does not change the request's bytes.
  }

  function applyValue(option: string, value: ShellWord) {
    switch (option) {
      case '-X':
      case '--request':
        if (!isToken(value.value)) throw decodeError(value.line, `"${clip(value.value)}" is not an HTTP method`);
        method = value.value;
        return;
      case '-H':
      case '--header':
        if (value.value.startsWith('@')) throw decodeError(value.line, 'headers read from a file (-H @file) cannot be decoded from text: paste them inline');
        headerLines.push(value);
        return;
      case '-d':
      case '--data':
      case '--data-ascii':
        data.push({ kind: 'data', value: inlineData(option, value) });
        return;
      case '--data-binary':
        data.push({ kind: 'binary', value: inlineData(option, value) });
        return;
      case '--data-raw':
        data.push({ kind: 'raw', value: value.value });
        return;
      case '--json':
        data.push({ kind: 'json', value: inlineData(option, value) });
        return;
      case '--data-urlencode':
        data.push({ kind: 'urlencode', value: urlencodeData(value) });
        return;
      case '--url':
        setUrl(value);
        return;
      case '-A':
      case '--user-agent':
        implicit['user-agent'] = value.value;
        return;
      case '-e':
      case '--referer':
        implicit.referer = value.value;
        return;
      case '-b':
      case '--cookie':
        if (value.value.includes('=')) implicit.cookie = value.value; // otherwise a cookie file: nothing to send
        return;
      case '-u':
      case '--user':
        implicit.authorization = basicAuth(value.value);
        return;
      default:
        return; // connection-only option: value read and ignored
    }
  }

  if (!url) throw decodeError(words[words.length - 1]?.line ?? 1, 'no URL found in the curl command');
  const parsed = splitAbsoluteUrl(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url.value) ? url.value : `http://${url.value}`);
  if (!parsed || parsed.authority === '') throw decodeError(url.line, `"${clip(url.value)}" is not a URL with a host`);
  let target = parsed.target;

  const hasJson = data.some((d) => d.kind === 'json');
  let bodyText = data.map((d) => d.value).join('&');
  if (hasJson) bodyText = data.map((d) => d.value).join(''); // curl appends --json parts without a separator
  if (get && data.length > 0) {
    target += (target.includes('?') ? '&' : '?') + bodyText;
    bodyText = '';
  }
  const body = encoder.encode(bodyText);

  // curl's own headers first, so that -H can replace ("Name: v") or remove ("Name:") each of them.
  // A null prototype so that any header name, "__proto__" included, is plain data.
  const headers: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { host: parsed.authority, ...implicit, accept: '*/*' });
  if (data.length > 0 && !get) {
    headers['content-type'] = hasJson ? 'application/json' : 'application/x-www-form-urlencoded';
    if (hasJson) headers.accept = 'application/json';
    headers['content-length'] = String(body.length);
  }
  const explicit = new Set<string>();
  for (const line of headerLines) applyHeader(headers, explicit, line);

  const finalMethod = method ?? (head ? 'HEAD' : get ? 'GET' : data.length > 0 ? 'POST' : 'GET');
  return { method: finalMethod, url: target, httpVersion, headers: { ...headers }, body };
}

function takesValue(option: string): boolean {
  if (option.startsWith('--')) {
    return (
      IGNORED_WITH_VALUE.has(option) ||
      ['--request', '--header', '--data', '--data-ascii', '--data-binary', '--data-raw', '--json', '--data-urlencode', '--url', '--user-agent', '--referer', '--cookie', '--user'].includes(option)
    );
  }
  return SHORT_WITH_VALUE.has(option.slice(1));
}

function inlineData(option: string, value: ShellWord): string {
  if (value.value.startsWith('@')) {
    throw decodeError(value.line, `${option} @file reads the body from a file, which pasted text cannot do: paste the body inline, or use --data-raw`);
  }
  return value.value;
}

// curl's --data-urlencode forms: "content", "=content", "name=content"; "@file" and "name@file" read files.
function urlencodeData(value: ShellWord): string {
  const v = value.value;
  const eq = v.indexOf('=');
  const at = v.indexOf('@');
  if (at !== -1 && (eq === -1 || at < eq)) throw decodeError(value.line, '--data-urlencode with @file reads a file, which pasted text cannot do');
  if (eq === -1) return encodeURIComponent(v);
  const name = v.slice(0, eq);
  return `${name === '' ? '' : `${name}=`}${encodeURIComponent(v.slice(eq + 1))}`;
}

// `explicit` holds the names set by -H so far: a repeated -H joins, while -H replaces curl's own defaults.
function applyHeader(headers: Record<string, string>, explicit: Set<string>, word: ShellWord): void {
  const line = word.value;
  const colon = line.indexOf(':');
  const semicolon = line.indexOf(';');
  if (colon === -1) {
    // curl: "Name;" sends the header with an empty value; anything else without a colon is ignored.
    if (semicolon > 0 && line.slice(semicolon + 1).trim() === '' && isToken(line.slice(0, semicolon))) {
      headers[line.slice(0, semicolon).toLowerCase()] = '';
    }
    return;
  }
  const name = line.slice(0, colon).trim();
  if (!isToken(name)) throw decodeError(word.line, `"${clip(name)}" is not a valid header name`);
  const key = name.toLowerCase();
  const value = line.slice(colon + 1).trim();
  if (value === '') {
    delete headers[key]; // curl: "Name:" removes a header curl would add
    explicit.delete(key);
    return;
  }
  headers[key] = explicit.has(key) ? `${headers[key]}, ${value}` : value;
  explicit.add(key);
}

function basicAuth(userPassword: string): string {
  let binary = '';
  for (const byte of encoder.encode(userPassword)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
