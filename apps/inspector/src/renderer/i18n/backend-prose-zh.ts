/**
 * Simplified Chinese for the prose the backend writes in English without a code to key it by: send and
 * receiver verdicts, decode verdicts and check details, key doctor findings. Core builds these sentences from
 * a few fixed templates with values in them (key ids, seconds, offsets), so each template is matched whole
 * and its values carried into the Chinese sentence. A sentence no pattern matches stays English (marked
 * `lang="en"`), and the zh-CN e2e test (`test/e2e/translation.e2e.test.ts`) fails on it.
 */

type Replace = (match: RegExpExecArray) => string | undefined;

/** Core's describeSkew text ("now", "600 s ago", "42 s from now") in Chinese. */
const skewZh = (text: string): string => (text === 'now' ? '当前时间' : text.endsWith(' ago') ? `${text.slice(0, -' s ago'.length)} 秒前` : `${text.slice(0, -' s from now'.length)} 秒后`);
const SKEW: Replace = (m) => skewZh(m[1] ?? '');

/** `head` followed by a translated issue, or `undefined` when the issue has no translation. */
const withIssue = (head: string, issue: string | undefined, tail = ''): string | undefined => (issue === undefined ? undefined : `${head}${issue}${tail}`);

// JSON type names as core's jsonTypeName writes them.
const JSON_TYPE: Record<string, string> = { string: '字符串', number: '数字', boolean: '布尔值', null: 'null', array: '数组', object: '对象', undefined: '空' };

/** One issue of a body field (core's schema and its RFC 3339 and UTF-8 checks), or `undefined`. */
const FIELD_ISSUES: ReadonlyArray<readonly [RegExp, string | Replace]> = [
  [/^is required$/, '为必填字段'],
  [/^must not be empty$/, '不能为空'],
  [/^must be a string, got (\w+)$/, (m) => `必须是字符串,实际是${JSON_TYPE[m[1] ?? ''] ?? m[1]}`],
  [/^the body must be a JSON object, got (\w+)$/, (m) => `包体必须是 JSON 对象,实际是${JSON_TYPE[m[1] ?? ''] ?? m[1]}`],
  [/^must be PASS or REJECT \(upper case\), got ("(?:[^"\\]|\\.)*"|\w+)$/, (m) => `必须是 PASS 或 REJECT(大写),实际是${m[1]?.startsWith('"') ? m[1] : (JSON_TYPE[m[1] ?? ''] ?? m[1])}`],
  [/^is (\d+) bytes in UTF-8, over the limit of (\d+); shorten it \(a CJK character counts 3 bytes\)$/, 'UTF-8 编码后为 $1 字节,超过上限 $2 字节;请缩短(一个中文字符占 3 字节)'],
  [/^holds (\S+) at index (\d+), a 4-byte UTF-8 character \(emoji or similar\) that APIv3 does not accept; remove it$/, '第 $2 个位置有 $1,这是 4 字节的 UTF-8 字符(表情符号等),APIv3 不接受;请删除'],
  [/^holds a lone surrogate at index (\d+), which has no UTF-8 form; fix the text encoding$/, '第 $1 个位置有单独的代理项,无法编码为 UTF-8;请修正文本编码'],
  [/^expected YYYY-MM-DDTHH:mm:ss\+hh:mm \(or Z\), e\.g\. (\S+)$/, '应为 YYYY-MM-DDTHH:mm:ss+hh:mm(或 Z)格式,例如 $1'],
  [/^month (\d+) does not exist$/, '月份 $1 不存在'],
  [/^day (\d+) does not exist in (\S+)$/, '$2 没有第 $1 日'],
  [/^(hour|minute|second) (\d+) is out of range (\S+)$/, (m) => `${{ hour: '小时', minute: '分钟', second: '秒' }[m[1] ?? ''] ?? m[1]} ${m[2]} 超出范围 ${m[3]}`],
  [/^offset (\S+) is out of range \((\S+) to (\S+)\)$/, '时区偏移 $1 超出范围($2 至 $3)'],
  [/^is not valid$/, '无效'],
];

/** V8's JSON.parse messages, the position kept. */
const JSON_PARSE_ERRORS: ReadonlyArray<readonly [RegExp, string | Replace]> = [
  [/^Unexpected end of JSON input$/, 'JSON 意外结束'],
  [/^Expected double-quoted property name in JSON at position (\d+)$/, '位置 $1 处应为带双引号的属性名'],
  [/^Expected property name or '}' in JSON at position (\d+)$/, '位置 $1 处应为属性名或“}”'],
  [/^Expected ',' or '}' after property value in JSON at position (\d+)$/, '位置 $1 处的属性值之后应为“,”或“}”'],
  [/^Expected ',' or '\]' after array element in JSON at position (\d+)$/, '位置 $1 处的数组元素之后应为“,”或“]”'],
  [/^Expected ':' after property name in JSON at position (\d+)$/, '位置 $1 处的属性名之后应为“:”'],
  [/^Unterminated string in JSON at position (\d+)$/, '位置 $1 处的字符串没有结束'],
  [/^Bad control character in string literal in JSON at position (\d+)$/, '位置 $1 处的字符串中有控制字符'],
  [/^Bad escaped character in JSON at position (\d+)$/, '位置 $1 处的转义字符无效'],
  [/^Unexpected non-whitespace character after JSON at position (\d+)$/, '位置 $1 处在 JSON 之后还有非空白字符'],
  [/^Unexpected token '(.+)', (".*") is not valid JSON$/, '意外的字符“$1”:$2 不是有效的 JSON'],
  [/^(".*") is not valid JSON$/, '$1 不是有效的 JSON'],
];

function translateFieldIssue(issue: string): string | undefined {
  return applyPatterns(FIELD_ISSUES, issue);
}

function translateJsonParseError(message: string): string | undefined {
  const at = / \(line (\d+) column (\d+)\)$/.exec(message);
  const zh = applyPatterns(JSON_PARSE_ERRORS, at ? message.slice(0, at.index) : message);
  return zh === undefined || !at ? zh : `${zh}(第 ${at[1]} 行第 ${at[2]} 列)`;
}

// Decode's variants: what the sender may have signed instead of what was received (core's message-variants.ts
// and diagnose-signature.ts), values kept.
const VARIANTS: ReadonlyArray<readonly [RegExp, string | Replace]> = [
  [/^the body without its final line break$/, '去掉末尾换行符的包体'],
  [/^the body with a final line break added \(a file or heredoc body\)$/, '末尾加上换行符的包体(来自文件或 heredoc 的包体)'],
  [/^the body with CRLF line breaks turned into LF$/, '把 CRLF 换行改成 LF 的包体'],
  [/^the body with LF line breaks turned into CRLF \(Windows\)$/, '把 LF 换行改成 CRLF 的包体(Windows)'],
  [/^the body without its UTF-8 byte order mark$/, '去掉 UTF-8 字节顺序标记(BOM)的包体'],
  [/^the body without leading and trailing whitespace$/, '去掉首尾空白的包体'],
  [/^the body parsed and serialised again without spaces \(JSON\.stringify\)$/, '解析后不带空格重新序列化的包体(JSON.stringify)'],
  [/^the body parsed and serialised again with 2-space indentation$/, '解析后以 2 个空格缩进重新序列化的包体'],
  [/^the body with its JSON keys in alphabetical order \(a Go map, a sorted dictionary\)$/, 'JSON 键按字母顺序排列的包体(Go 的 map、排序的字典)'],
  [/^the body serialised again with ", " and ": " separators \(Python json\.dumps\(ensure_ascii=False\)\)$/, '以“, ”和“: ”为分隔符重新序列化的包体(Python json.dumps(ensure_ascii=False))'],
  [/^the body serialised again with ", " and ": " separators and \\u escapes \(Python json\.dumps\)$/, '以“, ”和“: ”为分隔符并使用 \\u 转义重新序列化的包体(Python json.dumps)'],
  [/^the body serialised again with non-ASCII characters as \\uXXXX escapes$/, '把非 ASCII 字符写成 \\uXXXX 转义后重新序列化的包体'],
  [/^the JSON text inside the string literal that was sent \(the body was encoded twice\)$/, '所发送的字符串字面量中的 JSON 文本(包体被编码了两次)'],
  [/^the body as a JSON string literal \(JSON\.stringify of the JSON text\)$/, '作为 JSON 字符串字面量的包体(对 JSON 文本再做 JSON.stringify)'],
  [/^the body read as Latin-1 and encoded as UTF-8 again \(mojibake\)$/, '按 Latin-1 读取后再以 UTF-8 编码的包体(乱码)'],
  [/^the body as the Latin-1 bytes of its text \(the sender signed before a transcoding\)$/, '其文本的 Latin-1 字节(发送方在转码之前签名)'],
  [/^the body read as GBK and signed as UTF-8 \(the bytes sent were GBK\)$/, '按 GBK 读取、以 UTF-8 签名的包体(发送的字节是 GBK)'],
  [/^the body encoded as GBK \(the default charset of a Chinese Windows\)$/, '以 GBK 编码的包体(中文 Windows 的默认字符集)'],
  [/^an empty body \(signed before the body was attached\)$/, '空包体(在包体填入之前就签了名)'],
  [/^the body with its non-ASCII characters as \\uXXXX escapes and nothing else changed \(PHP json_encode without JSON_UNESCAPED_UNICODE\)$/, '只把非 ASCII 字符写成 \\uXXXX 转义、其余不变的包体(PHP json_encode 未加 JSON_UNESCAPED_UNICODE)'],
  [/^the body with its \\uXXXX escapes written as the characters themselves$/, '把 \\uXXXX 转义写回字符本身的包体'],
  [/^the body with every \/ written as \\\/ \(PHP json_encode without JSON_UNESCAPED_SLASHES\)$/, '把每个 / 写成 \\/ 的包体(PHP json_encode 未加 JSON_UNESCAPED_SLASHES)'],
  [/^the body with its \\\/ escapes written as \/$/, '把 \\/ 转义写回 / 的包体'],
  [/^the body with both \\uXXXX and \\\/ escapes \(PHP json_encode with no flags\)$/, '同时带 \\uXXXX 和 \\/ 转义的包体(不带任何选项的 PHP json_encode)'],
  [/^the body with its \\uXXXX and \\\/ escapes both written out$/, '把 \\uXXXX 和 \\/ 转义都写回原字符的包体'],
  [/^the URL without its query string$/, '去掉查询字符串的 URL'],
  [/^the URL with its query parameters sorted$/, '查询参数排序后的 URL'],
  [/^the URL with an empty query \("\?"\) appended$/, '末尾加上空查询(“?”)的 URL'],
  [/^the full URL (https:\/\/\S+…) instead of the path \(the host is not signed\)$/, '完整 URL $1,而不是路径(主机名不参与签名)'],
  [/^the full URL (http:\/\/\S+…)$/, '完整 URL $1'],
  [/^the URL with %XX escapes decoded$/, '解码了 %XX 转义的 URL'],
  [/^the URL percent-encoded \(spaces, non-ASCII\)$/, '经过百分号编码的 URL(空格、非 ASCII 字符)'],
  [/^the URL without the prefix (\S+) \(added by a proxy or gateway\)$/, '去掉前缀 $1 的 URL(由代理或网关加上)'],
  [/^the path without its trailing \/$/, '去掉末尾 / 的路径'],
  [/^the URL without its leading \/ \(a path joined to a base URL ending in \/\)$/, '去掉开头 / 的 URL(路径与以 / 结尾的基础 URL 拼接)'],
  [/^the URL with the prefix (\S+) that a reverse proxy strips before the receiver sees it$/, '带有前缀 $1 的 URL(反向代理在接收方看到之前去掉了它)'],
  [/^the timestamp in seconds \((\d+)\) instead of milliseconds$/, '以秒为单位的时间戳($1),而不是毫秒'],
  [/^the timestamp (\d+) \(([+-]\d+) s\): the clock was read again for the header$/, '时间戳 $1($2 秒):为请求头又读了一次时钟'],
  [/^the nonce in upper case$/, '大写的随机串'],
  [/^the nonce in lower case$/, '小写的随机串'],
  [/^the nonce (\d+): the nonce was generated again \(from the clock\) for the header$/, '随机串 $1:为请求头又(按时钟)生成了一次随机串'],
  [/^the message without the line feed after the body$/, '包体之后没有换行符的签名串'],
  [/^the message with its lines ended by CRLF \(\\r\\n, e\.g\. Java String\.format\("%n"\) on Windows\)$/, '每行以 CRLF 结尾的签名串(\\r\\n,例如 Windows 上 Java 的 String.format("%n"))'],
  [/^the method in lower case \((\S+)\)$/, '小写的 HTTP 方法($1)'],
  [/^the signature text with its spaces turned back into "\+"$/, '把空格改回“+”的签名值'],
  [/^the signature text with whitespace removed, URL-safe characters mapped and padding restored$/, '去掉空白、改回 URL 安全字符并补齐填充的签名值'],
  [/^the same message verified with the key known as (\S+)$/, '用 $1 这把密钥验证的同一签名串'],
];

function applyPatterns(patterns: ReadonlyArray<readonly [RegExp, string | Replace]>, text: string): string | undefined {
  for (const [pattern, replace] of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (typeof replace === 'string') return replace.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
    const out = replace(match);
    if (out !== undefined) return out;
  }
  return undefined;
}

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
  [/^not Unix seconds$/, '不是 Unix 秒数'],
  [/^(now|\d+ s ago|\d+ s from now), (inside|outside) the (\d+) s window$/, (m) => `${SKEW(m)},${m[2] === 'inside' ? '在' : '超出'} ${m[3]} 秒窗口${m[2] === 'inside' ? '内' : ''}`],
  [/^Signature valid, timestamp outside the window$/, '签名有效,时间戳超出窗口'],
  [/^The signature is valid, but the timestamp (\d+) is (now|\d+ s ago|\d+ s from now), outside the (\d+) s window: a replayed capture, or a clock off \(sync both with NTP\)\.$/, (m) => `签名有效,但时间戳 ${m[1]} 为 ${skewZh(m[2] ?? '')},超出 ${m[3]} 秒窗口:可能是重放的抓包,也可能是时钟不准(请用 NTP 同步双方时钟)。`],
  [/^The signature is valid, but the timestamp (\d+) is in milliseconds; APIv3 timestamps are Unix seconds\.$/, '签名有效,但时间戳 $1 是毫秒值;APIv3 的时间戳是 Unix 秒数。'],
  [/^a stored key$/, '已存储的密钥'],
  [/^no stored key has this serial$/, '没有已存储的密钥对应此序列号'],
  [/^no stored key has this id$/, '没有已存储的密钥对应此 ID'],
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
  // The local receiver's refusals (core's createReceiver and the inspector's receiver service).
  [/^The signature does not verify over the message this receiver built from the request as received \(see detail\.sign_information\)\.$/, '签名与本接收端按收到的请求构造的签名串不符(见 detail.sign_information)。'],
  [/^timestamp (\d+) is (\d+) s from the receiver's clock; it must be at most (\d+) s\.( It looks like milliseconds: send Unix seconds\.)?$/, (m) => `timestamp ${m[1]} 与接收端时钟相差 ${m[2]} 秒;最多允许 ${m[3]} 秒。${m[4] ? '它看起来是毫秒值:请发送 Unix 秒数。' : ''}`],
  [/^nonce_str (\S+) was already used within the last (\d+) s: sign every request with a fresh nonce\.$/, 'nonce_str $1 在最近 $2 秒内已被使用过:每个请求都要用新的随机串签名。'],
  [/^serial_no (\S+) is not the serial of a sender certificate this receiver knows\.$/, 'serial_no $1 不是本接收端已知的发送方证书序列号。'],
  [/^The local receiver answers only POST (\S+)\.$/, '本地接收端只应答 POST $1。'],
  [/^The local receiver is not ready: no keys yet\.$/, '本地接收端尚未就绪:还没有密钥。'],
  [/^The local receiver is not ready: import or generate a merchant key and a platform key first\.$/, '本地接收端尚未就绪:请先导入或生成一把商户密钥和一把平台密钥。'],
  [/^The body is not valid JSON: (.+)$/, (m) => withIssue('包体不是有效的 JSON:', translateJsonParseError(m[1] ?? ''))],
  [/^[Tt]he body is not JSON: (.+)$/, (m) => withIssue('包体不是 JSON:', translateJsonParseError(m[1] ?? ''))],
  [/^(.+ in JSON at position \d+(?: \(line \d+ column \d+\))?|Unexpected end of JSON input|.+ is not valid JSON)$/, (m) => translateJsonParseError(m[1] ?? '')],
  // The body's field rules (core's notification schema), with the field and its Chinese label kept.
  [/^Signature valid, body invalid$/, '签名有效,包体无效'],
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
  // Decode's guesses at what the sender signed instead (core's diagnosis variants).
  ...VARIANTS,
  [/^missing$/, '缺失'],
  // An error code and its sentence: the code kept, the sentence translated.
  [/^([A-Z][A-Z0-9_]+): (.+)$/, (m) => withIssue(`${m[1]}:`, translateBackendProse(m[2] ?? ''))],
  // Last: a field issue of the body, alone or after its field (and the field's Chinese label).
  [/^([a-z_]+) \(([^)]+)\): (.+?)(?: \(and (\d+) more\))?$/, (m) => withIssue(`${m[1]}(${m[2]}):`, translateFieldIssue(m[3] ?? ''), m[4] ? `(另有 ${m[4]} 处)` : '')],
  [/^([a-z_]+): (.+)$/, (m) => withIssue(`${m[1]}:`, translateFieldIssue(m[2] ?? ''))],
  [/^(.+)$/, (m) => translateFieldIssue(m[1] ?? '')],
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
  return applyPatterns(PATTERNS, text.trim());
}
