/**
 * The request example of the endpoint's documentation page, verbatim (its Authorization is elided with
 * `...`, so Decode reports it as malformed: the point is to see the fields parsed and labelled).
 *
 * @example
 * api.decode.run({ input: { kind: 'curl', text: SEED_CURL_EXAMPLE } });
 */
export const SEED_CURL_EXAMPLE = `curl -X POST \\
  https://api.mch.weixin.qq.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify \\
  -H "Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\\"1900000001\\",..." \\
  -H "Accept: application/json" \\
  -H "Content-Type: application/json" \\
  -d '{
    "out_request_no" : "htozr8denqegbt6tk6u10iymo7yww5pn",
    "mchid" : "1900016681",
    "audit_result" : "PASS",
    "audit_finish_time" : "2015-05-20T13:29:35+08:00",
    "attach_info" : "updateidcard",
    "fail_code" : "1001",
    "fail_msg" : "IDCARD_ILLEGAL"
  }'
`;
