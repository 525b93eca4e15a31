/**
 * What kind of backend text a code names: a likely cause's title or explanation (core's `CauseCode`),
 * a verification check (`DiagnosisCheck['name']`), a lint warning (`LintWarning['code']`) or a field's
 * description (core's `NOTIFICATION_FIELDS`, by field name).
 */
export type BackendTextKind = 'causeTitle' | 'causeExplanation' | 'check' | 'lint' | 'fieldDescription';

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
    JSON_UNICODE_ESCAPED: '中文被签名或发送为 \\uXXXX 转义',
    JSON_SLASHES_ESCAPED: '斜杠被签名或发送为 \\/ 转义',
    JSON_KEYS_REORDERED: '签名后 JSON 字段顺序被改变',
    BODY_DOUBLE_ENCODED: '报文主体被当作 JSON 字符串再次编码后发送',
    BODY_SIGNED_EMPTY: '对空的报文主体签了名',
    BODY_SIGNED_AS_GBK: '报文主体以 GBK 字节签名',
    BODY_SENT_AS_LATIN1: '报文主体以 ISO-8859-1 发送,中文变成了“?”',
    MESSAGE_NO_FINAL_NEWLINE: '签名串缺少最后的 \\n',
    MESSAGE_CRLF: '签名串使用了 CRLF 换行',
    METHOD_LOWER_CASE: 'HTTP 方法以小写签名',
    URL_PROXY_PREFIX_SIGNED: '签名的 URL 带有反向代理的路径前缀',
    URL_NO_LEADING_SLASH: '签名的 URL 缺少开头的 /',
    TIMESTAMP_NOT_AS_SIGNED: '发送的时间戳不是签名时用的时间戳',
    NONCE_NOT_AS_SIGNED: '发送的随机串不是签名时用的随机串',
    SIGNED_WITH_ANSWER_KEY: '用应答(平台)密钥而不是商户密钥签名',
    SERIAL_IN_DECIMAL: 'serial_no 写成了十进制',
    SERIAL_IS_PUB_KEY_ID: 'serial_no 填成了微信支付公钥 ID(PUB_KEY_ID)',
    SIGNATURE_PLUS_AS_SPACE: '签名值中的“+”变成了空格',
  },
  causeExplanation: {
    AUTH_MISSING: '请求没有携带 Authorization 头,无法验签。发送方须按接口规则携带 WECHATPAY2-SHA256-RSA2048 认证信息。',
    AUTH_MALFORMED:
      'Authorization 头无法解析:认证类型须为 WECHATPAY2-SHA256-RSA2048,mchid、nonce_str、signature、timestamp、serial_no 须齐全且格式正确。在它符合格式之前无法验签。',
    HEADERS_MISSING:
      '应答缺少 Wechatpay-Timestamp、Wechatpay-Nonce、Wechatpay-Signature 或 Wechatpay-Serial:每个 2xx 应答都必须签名,未签名的 2xx 应答视为伪造。',
    PROBE_SIGNATURE:
      '签名以 WECHATPAY/SIGNTEST/ 开头:这是微信支付发送的探测请求,用来检查验签方能否正确地判定验签失败。拒绝它是正确的,无需处理。',
    UNKNOWN_SERIAL:
      '签名中的序列号(请求的 serial_no 或应答的 Wechatpay-Serial)对应不到任何已知公钥:序列号填错、大小写不一致、证书序列号与公钥 ID 混用,或尚未导入对方的证书或公钥。',
    TIMESTAMP_OUT_OF_WINDOW:
      '时间戳与当前时间相差 5 分钟以上:可能是重放的请求,也可能是某一端的系统时间不准。请用 NTP 同步双方时钟。',
    TIMESTAMP_IN_MILLISECONDS: '时间戳是毫秒值;APIv3 的时间戳是以秒为单位的 Unix 时间戳。',
    SIGNATURE_ENCODING:
      '签名值须是标准的 Base64 编码:不含换行和空格,使用“+/”而非“-_”,带“=”填充,长度与 RSA 密钥相符。签名值在传输途中被截断、折行或改写了。',
    SIGNATURE_ALGORITHM: '签名使用了其他算法(如 SHA1withRSA 或 RSA-PSS);APIv3 要求 SHA256withRSA,即 RSASSA-PKCS1-v1_5 搭配 SHA-256。',
    BODY_RESERIALISED:
      '报文主体经过 JSON 解析后又被重新序列化(空格、缩进、键的顺序或转义发生了变化),据此构造的签名串与对方签名的不同。请用收到的原始字节验签,不要先解析 JSON;发送方也必须对实际发送的字节签名。',
    TRAILING_NEWLINE: '某一端在报文主体末尾增加或丢失了换行符。签名和发送的必须是同一份字节。',
    LINE_ENDINGS: '某一端把换行符在 CRLF 与 LF 之间做了转换。发送和验签都应使用未经改动的字节。',
    BODY_TRIMMED: '某一端去除或增加了报文主体首尾的空白字符。请用收到的原始字节验签。',
    CHARSET_MISMATCH:
      '中文等非 ASCII 文本在两端的编码不同(GBK、Latin-1、\\uXXXX 转义或 BOM)。双方都必须使用线路上实际传输的 UTF-8 字节。',
    QUERY_MISMATCH: '签名串中的查询字符串与实际发送的不一致。请按实际发送的请求路径和查询参数原样签名。',
    URL_INCLUDES_HOST: '签名串中的 URL 只包含请求路径和查询参数,不包含协议和域名。',
    URL_ENCODING: '请按线路上实际传输的请求路径签名,百分号编码须完全一致。',
    PATH_REWRITTEN: '代理或网关增加或去掉了路径前缀。验签时应使用发送方签名时的请求路径。',
    WRONG_KEY:
      '签名不是用该序列号所对应公钥的私钥生成的:商户证书与微信支付公钥、或两个序列号被混用了;也可能签名在传输中被损坏。',
    BODY_NOT_SIGNED_BYTES:
      '密钥是对的,但对方签名的签名串与按收到的内容构造的签名串不同,且不属于常见错误。请对实际发送的字节(以及完全相同的请求路径和查询参数)只签名一次。',
    JSON_UNICODE_ESCAPED:
      '发送方把 JSON 序列化了两次且设置不同:一次把中文写成 \\uXXXX 转义,一次写成原始 UTF-8。请只序列化一次,签名和发送同一个字符串(PHP:两处都用 json_encode($data, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);Python:两处都用 json.dumps(data, ensure_ascii=False))。',
    JSON_SLASHES_ESCAPED:
      '发送方把 JSON 序列化了两次且设置不同:一次把“/”写成“\\/”(PHP json_encode 的默认行为),一次没有。请只用 JSON_UNESCAPED_SLASHES 序列化一次,签名和发送同一个字符串。',
    JSON_KEYS_REORDERED:
      '发送方签名时 JSON 字段是一种顺序,发送时是另一种顺序(签名后又把 map 或字典重新序列化了,例如 Go 的 map 会按键排序)。请只序列化一次,对该字符串签名并原样发送。',
    BODY_DOUBLE_ENCODED:
      '发送方把已经序列化好的 JSON 字符串又交给会再次序列化的客户端(例如给 axios 或 requests 传字符串并指定 JSON),于是一边是 JSON 文本,另一边是它的 JSON 字符串字面量。请只序列化一次:对 JSON 文本签名,并把它作为原始报文主体发送。',
    BODY_SIGNED_EMPTY: '发送方在报文主体填入之前就生成了签名(或对 POST 请求用了空字符串),签名串的报文主体一行是空的。请在报文主体确定之后,对实际发送的字节签名。',
    BODY_SIGNED_AS_GBK:
      '发送方用平台默认字符集把签名串转成字节(在中文 Windows 上,不带参数的 String.getBytes() 得到的是 GBK),而报文主体按 UTF-8 发送。签名时请明确使用 UTF-8:message.getBytes(StandardCharsets.UTF_8)。',
    BODY_SENT_AS_LATIN1:
      '密钥是对的,但报文主体中本应是中文的地方变成了“?”:发送方的 HTTP 客户端按 ISO-8859-1 编码报文主体(Apache HttpClient 的 StringEntity 未指定字符集,或 Content-Type 不带 charset=UTF-8),而签名是对 UTF-8 文本做的。请明确以 UTF-8 构造报文主体(new StringEntity(json, ContentType.APPLICATION_JSON) 或 “application/json; charset=UTF-8”),并对实际发送的字节签名。',
    MESSAGE_NO_FINAL_NEWLINE: '签名串的报文主体一行之后也必须以“\\n”结尾:METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n。请在拼接各行的代码中补上最后的“\\n”。',
    MESSAGE_CRLF:
      '签名串的每一行只能以“\\n”结尾。发送方的代码用了平台换行符(Java String.format 中的“%n”、System.lineSeparator()、Windows 上的 PHP_EOL),写出的是“\\r\\n”;请用“\\n”拼接各行。',
    METHOD_LOWER_CASE: '签名串中的 HTTP 方法必须大写(“POST”)。发送方的代码直接取了客户端选项中的方法(例如 axios 的 method: \'post\');请在签名前转为大写。',
    URL_PROXY_PREFIX_SIGNED:
      '发送方对它请求的 URL 签名,其中带有反向代理的路径前缀;代理转发时去掉了前缀,接收方按去掉前缀后的路径验签。请对接收方看到的路径签名(把前缀与签名路径分开配置),或让代理保留原路径。',
    URL_NO_LEADING_SLASH: '签名串中的 URL 必须是以“/”开头的绝对路径。发送方的代码对相对路径签了名(与以“/”结尾的基础 URL 拼接时去掉了开头的“/”);请对“/”+ 路径签名。',
    TIMESTAMP_NOT_AS_SIGNED: '发送方读取了两次时钟:一次用于签名串,一次用于发送的时间戳。请只读取一次,两处使用同一个值。',
    NONCE_NOT_AS_SIGNED: '发送方生成了两次随机串(或改变了大小写):一次用于签名串,一次用于请求头。请只生成一次,两处使用同一个字符串。',
    SIGNED_WITH_ANSWER_KEY:
      '请求是用接收方签名应答所用的密钥(微信支付平台密钥)的私钥签名的,而不是商户 API 私钥。请用商户私钥(apiclient_key.pem)为请求签名,其证书序列号就是发送的 serial_no;平台密钥只用于验证应答。',
    SERIAL_IN_DECIMAL:
      'serial_no 是证书序列号的十进制写法:发送方的代码把证书序列号当作整数输出(Java 的 String.valueOf(cert.getSerialNumber())、Go 的 cert.SerialNumber.String())。请以大写十六进制发送(getSerialNumber().toString(16).toUpperCase()、fmt.Sprintf("%X", …))。',
    SERIAL_IS_PUB_KEY_ID:
      'serial_no 填成了应答(微信支付)公钥的 ID(PUB_KEY_ID_…)。serial_no 应是为请求签名的密钥对应的证书序列号,即商户 API 证书序列号;PUB_KEY_ID 只用于 Wechatpay-Serial。',
    SIGNATURE_PLUS_AS_SPACE:
      '把签名值中的空格改回“+”后即可验签通过:签名值在签名代码与线路之间经过了 URL 或表单解码(application/x-www-form-urlencoded 会把“+”变成空格)。请把 Base64 签名值原样放入请求头,不要做 URL 编码或解码。',
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
  fieldDescription: {
    out_request_no: '这条审核结果所属的资料更新请求的单号;重试时沿用同一单号。',
    mchid: '发起该请求的微信支付商户号。',
    audit_result: '审核通过为 PASS,审核驳回为 REJECT。',
    audit_finish_time: '审核完成的时间,RFC 3339 格式并带时区偏移,例如 2015-05-20T13:29:35+08:00(北京时间)。',
    attach_info: '调用方的附加业务信息,原样返回。',
    fail_code: '驳回的错误码;audit_result 为 REJECT 时填写。',
    fail_msg: '驳回的原因;audit_result 为 REJECT 时填写。',
    ret_msg: '应答的消息,通常为 SUCC。',
  },
};
