/**
 * What kind of backend text a code names: a likely cause's title or explanation (core's `CauseCode`),
 * a verification check (`DiagnosisCheck['name']`) or a lint warning (`LintWarning['code']`).
 */
export type BackendTextKind = 'causeTitle' | 'causeExplanation' | 'check' | 'lint';

/**
 * Simplified Chinese for the texts the backend sends in English, keyed by their stable codes (core's
 * messages may change wording; the codes do not). `{field}` is filled from the warning's field. A code
 * missing here falls back to the backend's English text, so a cause core adds later still shows.
 * Explanations are the general meaning and fix; the backend's English text keeps the specifics
 * (seconds of skew, key ids), and the UI shows it alongside.
 *
 * @example
 * BACKEND_MESSAGES_ZH.causeTitle.BODY_RESERIALISED; // '报文主体被重新序列化后才验签'
 */
export const BACKEND_MESSAGES_ZH: Readonly<Record<BackendTextKind, Readonly<Record<string, string>>>> = {
  causeTitle: {
    AUTH_MISSING: '缺少 Authorization 请求头',
    AUTH_MALFORMED: 'Authorization 请求头格式错误',
    HEADERS_MISSING: '缺少 Wechatpay-* 应答签名头',
    PROBE_SIGNATURE: 'WECHATPAY/SIGNTEST/ 探测签名',
    UNKNOWN_SERIAL: '序列号对应不到任何已知公钥',
    TIMESTAMP_OUT_OF_WINDOW: '时间戳超出 5 分钟窗口',
    TIMESTAMP_IN_MILLISECONDS: '时间戳以毫秒为单位',
    SIGNATURE_ENCODING: '签名值不是标准的 Base64 编码',
    SIGNATURE_ALGORITHM: '签名算法不是 SHA256withRSA(PKCS#1 v1.5)',
    BODY_RESERIALISED: '报文主体被重新序列化后才验签',
    TRAILING_NEWLINE: '报文主体末尾多了或少了换行符',
    LINE_ENDINGS: '换行符被转换(CRLF / LF)',
    BODY_TRIMMED: '报文主体首尾的空白被增加或去除',
    CHARSET_MISMATCH: '两端对文本的字符编码不一致',
    QUERY_MISMATCH: '签名的查询字符串与实际发送的不一致',
    URL_INCLUDES_HOST: '对完整 URL 而非请求路径签名',
    URL_ENCODING: 'URL 的百分号编码不一致',
    PATH_REWRITTEN: '代理改写了请求路径',
    WRONG_KEY: '使用了错误的公钥验签',
    BODY_NOT_SIGNED_BYTES: '签名的字节不是实际发送的字节',
  },
  causeExplanation: {
    AUTH_MISSING: '请求没有携带 Authorization 头,无法验签。发送方须按 protocol.md §3 携带 WECHATPAY2-SHA256-RSA2048 认证信息。',
    AUTH_MALFORMED:
      'Authorization 头无法解析:认证类型须为 WECHATPAY2-SHA256-RSA2048,mchid、nonce_str、signature、timestamp、serial_no 须齐全且格式正确。在它符合 protocol.md §3 之前无法验签。',
    HEADERS_MISSING:
      '应答缺少 Wechatpay-Timestamp、Wechatpay-Nonce、Wechatpay-Signature 或 Wechatpay-Serial:每个 2xx 应答都必须签名(protocol.md §4),未签名的 2xx 应答视为伪造。',
    PROBE_SIGNATURE:
      '签名以 WECHATPAY/SIGNTEST/ 开头:这是微信支付发送的探测请求,用来检查验签方能否正确地判定验签失败。拒绝它是正确的,无需处理(protocol.md §4)。',
    UNKNOWN_SERIAL:
      '签名中的序列号(请求的 serial_no 或应答的 Wechatpay-Serial)对应不到任何已知公钥:序列号填错、大小写不一致、证书序列号与公钥 ID 混用,或尚未导入对方的证书或公钥(protocol.md §7 第 3 条)。',
    TIMESTAMP_OUT_OF_WINDOW:
      '时间戳与当前时间相差 5 分钟以上:可能是重放的请求,也可能是某一端的系统时间不准。请用 NTP 同步双方时钟(protocol.md §7 第 4 条)。',
    TIMESTAMP_IN_MILLISECONDS: '时间戳是毫秒值;APIv3 的时间戳是以秒为单位的 Unix 时间戳(protocol.md §7 第 4 条)。',
    SIGNATURE_ENCODING:
      '签名值须是标准的 Base64 编码:不含换行和空格,使用“+/”而非“-_”,带“=”填充,长度与 RSA 密钥相符。签名值在传输途中被截断、折行或改写了(protocol.md §3)。',
    SIGNATURE_ALGORITHM: '签名使用了其他算法(如 SHA1withRSA 或 RSA-PSS);APIv3 要求 SHA256withRSA,即 RSASSA-PKCS1-v1_5 搭配 SHA-256(protocol.md §3)。',
    BODY_RESERIALISED:
      '报文主体经过 JSON 解析后又被重新序列化(空格、缩进、键的顺序或转义发生了变化),据此构造的签名串与对方签名的不同。请用收到的原始字节验签,不要先解析 JSON(protocol.md §7 第 1 条);发送方也必须对实际发送的字节签名。',
    TRAILING_NEWLINE: '某一端在报文主体末尾增加或丢失了换行符。签名和发送的必须是同一份字节(protocol.md §7 第 5 条)。',
    LINE_ENDINGS: '某一端把换行符在 CRLF 与 LF 之间做了转换。发送和验签都应使用未经改动的字节(protocol.md §7 第 5 条)。',
    BODY_TRIMMED: '某一端去除或增加了报文主体首尾的空白字符。请用收到的原始字节验签。',
    CHARSET_MISMATCH:
      '中文等非 ASCII 文本在两端的编码不同(GBK、Latin-1、\\uXXXX 转义或 BOM)。双方都必须使用线路上实际传输的 UTF-8 字节(protocol.md §7 第 7 条)。',
    QUERY_MISMATCH: '签名串中的查询字符串与实际发送的不一致。请按实际发送的请求路径和查询参数原样签名(protocol.md §7 第 6 条)。',
    URL_INCLUDES_HOST: '签名串中的 URL 只包含请求路径和查询参数,不包含协议和域名(protocol.md §3)。',
    URL_ENCODING: '请按线路上实际传输的请求路径签名,百分号编码须完全一致(protocol.md §3)。',
    PATH_REWRITTEN: '代理或网关增加或去掉了路径前缀。验签时应使用发送方签名时的请求路径(protocol.md §7 第 6 条)。',
    WRONG_KEY:
      '签名不是用该序列号所对应公钥的私钥生成的:商户证书与微信支付公钥、或两个序列号被混用了;也可能签名在传输中被损坏(protocol.md §7 第 2 条)。',
    BODY_NOT_SIGNED_BYTES:
      '密钥是对的,但对方签名的签名串与按收到的内容构造的签名串不同,且不属于常见错误。请对实际发送的字节(以及完全相同的请求路径和查询参数)只签名一次(protocol.md §7 第 5 条)。',
  },
  check: {
    authorization: 'Authorization 请求头',
    headers: '应答签名头',
    key_known: '序列号对应已知公钥',
    timestamp_window: '时间戳在 5 分钟窗口内',
    signature_format: '签名值格式',
    signature: '签名校验',
    signature_type: '签名类型',
  },
  lint: {
    REJECT_WITHOUT_FAIL_CODE: 'audit_result 为 REJECT,但缺少 fail_code(审核驳回错误码):商户无从得知被驳回的原因。',
    REJECT_WITHOUT_FAIL_MSG: 'audit_result 为 REJECT,但缺少 fail_msg(审核驳回错误原因):接口文档要求驳回时传入该字段。',
    FAIL_FIELDS_WITH_PASS: '{field} 与 audit_result PASS 一同发送;该字段只对 REJECT 有意义(可以接受:接口文档自己的示例就是这样)。',
    UNKNOWN_FIELD: '{field} 不是该通知定义的字段,将原样保留(如果想填写的是已知字段,请检查拼写)。',
  },
};
