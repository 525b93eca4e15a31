/**
 * Simplified Chinese for the prose the backend writes in English without a code to key it by: send and
 * receiver verdicts, decode verdicts and check details, key doctor findings. Core builds these sentences from
 * a few fixed templates with values in them (key ids, seconds, offsets), so each template is matched whole
 * and its values carried into the Chinese sentence. A sentence no pattern matches stays English (marked
 * `lang="en"`), and the zh-CN e2e test (`test/e2e/translation.e2e.test.ts`) fails on it.
 */

type Replace = (match: RegExpExecArray) => string | undefined;

const SKEW: Replace = (m) => (m[1] === 'now' ? '当前时间' : m[1]?.endsWith(' ago') ? `${m[1].slice(0, -' s ago'.length)} 秒前` : `${m[1]?.slice(0, -' s from now'.length)} 秒后`);

/** Whole-sentence patterns, in the order they are tried. */
const PATTERNS: ReadonlyArray<readonly [RegExp, string | Replace]> = [
  // Send.
  [/^(\d{3}) accepted$/, '$1 已接受'],
  [/^The answer is signed by a trusted platform key\.$/, '应答由受信任的平台密钥签名。'],
  [/^(\d{3}) but the answer's signature failed$/, '$1,但应答签名校验失败'],
  [/^(\d{3}) error$/, '$1 错误'],
  [/^The server answered (\d{3})\.$/, '服务器应答 $1。'],
  [/^Timed out$/, '超时'],
  [/^No answer$/, '无应答'],
  // Receiver.
  [/^accepted$/, '已接受'],
  [/^answered (\d{3})$/, '应答 $1'],
  // Decode verdicts.
  [/^Signature valid, body valid$/, '签名有效,包体有效'],
  [/^Signed by (\S+); the notification matches the schema\.$/, '签名者 $1;通知内容符合字段规则。'],
  [/^The answer's signature is valid$/, '应答签名有效'],
  [/^The callback's signature is valid$/, '回调签名有效'],
  [/^The (?:answer|callback)'s signature does not verify$/, '签名校验不通过'],
  [/^Signed by (\S+)\.$/, '签名者 $1。'],
  [/^No stored platform key verifies this message\.$/, '没有任何已存储的平台密钥能验证这条报文。'],
  // Decode checks (core's diagnosis).
  [/^(\S+) is a known key \((\d+)-bit, ([0-9a-f:]+…)\)$/, '$1 是已知密钥($2 位,$3)'],
  [/^(.+) is not among the known keys \((.*)\)$/, (m) => `${m[1]} 不在已知密钥中(${m[2] === 'none' ? '无' : m[2]})`],
  [/^(now|\d+ s ago|\d+ s from now) \(window (\d+) s\)$/, (m) => `${SKEW(m)}(窗口 ${m[2]} 秒)`],
  [/^milliseconds, not seconds$/, '是毫秒,不是秒'],
  [/^"(.*)" is not Unix seconds$/, '“$1”不是 Unix 秒数'],
  [/^standard padded Base64 of (\d+) bytes$/, '$1 字节的标准 Base64(带填充)'],
  [/^not canonical: it verifies only after removing whitespace, URL-safe characters or missing padding$/, '不规范:去掉空白、改回 URL 安全字符或补齐填充后才能验签'],
  [/^not the standard padded Base64 of a (\d+)-bit RSA signature \((\d+) characters\)$/, '不是 $1 位 RSA 签名的标准 Base64(带填充)(共 $2 个字符)'],
  [/^valid over the message with (\S+)$/, '用 $1 对签名串验签通过'],
  [/^does not verify over the message with (\S+)$/, '用 $1 对签名串验签不通过'],
  [/^not checked: no key for this id$/, '未校验:没有该 ID 对应的密钥'],
  [/^a (\S+) probe, not a signature$/, '$1 探测签名,不是真正的签名'],
  [/^probes never verify$/, '探测签名永远不会验签通过'],
  [/^mchid (\S+), serial_no (\S+)$/, 'mchid $1,serial_no $2'],
  [/^missing (.+)$/, '缺少 $1'],
  [/^Wechatpay-Timestamp, -Nonce, -Signature and -Serial present$/, 'Wechatpay-Timestamp、-Nonce、-Signature 和 -Serial 齐全'],
  [/^Authorization header (malformed|missing): (.+)$/, (m) => {
    const issue = translateBackendProse(m[2] ?? '');
    return issue === undefined ? undefined : `Authorization 请求头${m[1] === 'missing' ? '缺失' : '格式错误'}:${issue}`;
  }],
  // The Authorization header's problems (core's parseAuthorization).
  [/^"(.*)" at offset (\d+) has no ="value"\.$/, '偏移 $2 处的“$1”后面缺少 = 和带引号的值。'],
  [/^a space at offset (\d+); pairs are joined by "," with no spaces\.$/, '偏移 $1 处有空格;各键值对之间只用“,”连接,不留空格。'],
  [/^an empty pair at offset (\d+) \(two commas in a row\?\)\.$/, '偏移 $1 处有空的键值对(连续两个逗号?)。'],
  [/^it ends with a space\.$/, '末尾有空格。'],
  [/^the Authorization header is empty\.$/, 'Authorization 请求头为空。'],
  [/^no Authorization header; expected "(.+)"\.$/, '没有 Authorization 请求头;应为“$1”。'],
  [/^it contains a tab at offset (\d+); use no whitespace except the one space after the scheme\.$/, '偏移 $1 处有制表符;除认证类型后的一个空格外不能有空白。'],
  [/^timestamp "(.*)" is not Unix seconds in decimal digits\.$/, 'timestamp“$1”不是十进制数字的 Unix 秒数。'],
  [/^timestamp has a leading zero\.$/, 'timestamp 有前导零。'],
  [/^timestamp has (\d+) digits; it is Unix seconds\.$/, 'timestamp 有 $1 位数字;它应是 Unix 秒数。'],
  // Key doctor findings.
  [/^PKCS#8 private key \("BEGIN PRIVATE KEY"\), as WeChat Pay issues it\.$/, 'PKCS#8 私钥("BEGIN PRIVATE KEY"),与微信支付签发的格式相同。'],
  [/^The (private key|public key|certificate) is RSA-(\d+)\.$/, (m) => `${WHAT[m[1] ?? ''] ?? m[1]}为 RSA-${m[2]}。`],
  [/^Unsupported PEM block "(.*)"\.$/, '不支持的 PEM 块“$1”。'],
  [/^The PEM had (.+): accepted here, but other tools may refuse it; keep the file as downloaded\.$/, (m) => {
    const repairs = (m[1] ?? '').split(', ').map((r) => REPAIRS[r]);
    return repairs.some((r) => r === undefined) ? undefined : `PEM 文件有${repairs.join('、')}:这里可以接受,但其他工具可能拒绝它;请保持下载时的原样。`;
  }],
  [/^The private key belongs to the (certificate|public key)\.$/, (m) => `私钥与该${WHAT[m[1] ?? '']}匹配。`],
  [/^The private key does not belong to the (certificate|public key): they come from different key pairs\.$/, (m) => `私钥与该${WHAT[m[1] ?? '']}不匹配:它们来自不同的密钥对。`],
  [/^A PKCS#12 file needs its password: give the password or the mchid\.$/, 'PKCS#12 文件需要密码:请填写密码或商户号。'],
  [/^The PKCS#12 file holds no private key\.$/, '该 PKCS#12 文件中没有私钥。'],
  [/^The certificate option holds no X\.509 certificate\.$/, '证书一栏中没有 X.509 证书。'],
  [/^The material cannot be read\.$/, '无法读取该密钥材料。'],
];

// Core's names of the repairs it made to a pasted PEM.
const REPAIRS: Record<string, string> = {
  'Windows (CRLF) line ends': 'Windows(CRLF)换行符',
  'indentation or trailing spaces': '缩进或行尾空格',
  'lines not wrapped at 64 characters': '未按 64 个字符换行的行',
  'literal "\\n" instead of line breaks': '字面的“\\n”而不是换行',
  'no BEGIN/END lines': '缺少 BEGIN/END 行',
  'a byte-order mark': '字节顺序标记(BOM)',
};

const WHAT: Record<string, string> = { 'private key': '私钥', 'public key': '公钥', certificate: '证书' };

/**
 * The Chinese for one backend sentence, or `undefined` when no template matches it (the caller shows the
 * English, marked as such).
 *
 * @example
 * ```ts
 * translateBackendProse('600 s ago (window 300 s)'); // '600 秒前(窗口 300 秒)'
 * translateBackendProse('something new'); // undefined
 * ```
 */
export function translateBackendProse(text: string): string | undefined {
  const trimmed = text.trim();
  for (const [pattern, replace] of PATTERNS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    if (typeof replace === 'string') return replace.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
    const out = replace(match);
    if (out !== undefined) return out;
  }
  return undefined;
}
