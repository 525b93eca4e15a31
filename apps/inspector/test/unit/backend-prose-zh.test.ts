import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translateBackendProse } from '../../src/renderer/i18n/backend-prose-zh.js';

describe('Chinese for the receiver’s refusals and Decode’s guesses', () => {
  it('keeps the values of each refusal of the local receiver', () => {
    expect(translateBackendProse("timestamp 1796633964 is 600 s from the receiver's clock; it must be at most 300 s.")).toBe('timestamp 1796633964 与接收端时钟相差 600 秒;最多允许 300 秒。');
    expect(translateBackendProse("timestamp 1796633964123 is 9 s from the receiver's clock; it must be at most 300 s. It looks like milliseconds: send Unix seconds.")).toContain('毫秒');
    expect(translateBackendProse('nonce_str KHvroo5uN8Pj7ki7 was already used within the last 600 s: sign every request with a fresh nonce.')).toBe('nonce_str KHvroo5uN8Pj7ki7 在最近 600 秒内已被使用过:每个请求都要用新的随机串签名。');
    expect(translateBackendProse('serial_no 7A0B is not the serial of a sender certificate this receiver knows.')).toBe('serial_no 7A0B 不是本接收端已知的发送方证书序列号。');
    expect(translateBackendProse('audit_result (审核结果): must be PASS or REJECT (upper case), got "MAYBE" (and 2 more)')).toBe('audit_result(审核结果):必须是 PASS 或 REJECT(大写),实际是"MAYBE"(另有 2 处)');
    expect(translateBackendProse('The body is not valid JSON: Expected double-quoted property name in JSON at position 33 (line 1 column 34)')).toBe('包体不是有效的 JSON:位置 33 处应为带双引号的属性名(第 1 行第 34 列)');
    expect(translateBackendProse('The local receiver is not ready: import or generate a merchant key and a platform key first.')).toBe('本地接收端尚未就绪:请先导入或生成一把商户密钥和一把平台密钥。');
    expect(translateBackendProse('The local receiver is not ready: no keys yet.')).toBe('本地接收端尚未就绪:还没有密钥。');
    // The reason of a key that failed to load is the key's own error: it stays English, marked as such.
    expect(translateBackendProse('The local receiver is not ready: PRIVATE_KEY_INVALID something new.')).toBeUndefined();
    expect(translateBackendProse('mchid: is 40 bytes in UTF-8, over the limit of 32; shorten it (a CJK character counts 3 bytes)')).toBe('mchid:UTF-8 编码后为 40 字节,超过上限 32 字节;请缩短(一个中文字符占 3 字节)');
  });

  it('translates the notes of the Authorization fields, the timestamp’s skew and the code before a sentence', () => {
    expect(translateBackendProse('601 s ago, outside the 300 s window')).toBe('601 秒前,超出 300 秒窗口');
    expect(translateBackendProse('12 s from now, inside the 300 s window')).toBe('12 秒后,在 300 秒窗口内');
    expect(translateBackendProse('a stored key')).toBe('已存储的密钥');
    expect(translateBackendProse('AUTH_MALFORMED: Authorization header malformed: it ends with a space.')).toBe('AUTH_MALFORMED:Authorization 请求头格式错误:末尾有空格。');
    expect(translateBackendProse('AUTH_MALFORMED: something new')).toBeUndefined();
  });

  it('keeps the values of Decode’s guesses', () => {
    expect(translateBackendProse('the timestamp 1757899999 (-1 s): the clock was read again for the header')).toBe('时间戳 1757899999(-1 秒):为请求头又读了一次时钟');
    expect(translateBackendProse('the URL without the prefix /v3 (added by a proxy or gateway)')).toBe('去掉前缀 /v3 的 URL(由代理或网关加上)');
    expect(translateBackendProse('the same message verified with the key known as PUB_KEY_ID_01')).toBe('用 PUB_KEY_ID_01 这把密钥验证的同一签名串');
  });

  it('leaves a sentence it does not know untranslated, whatever its words', () => {
    // Prose without a template stays English (and the zh-CN e2e test fails on it), never half translated.
    fc.assert(
      fc.property(fc.array(fc.constantFrom('the', 'receiver', 'body', 'signature', 'window', 'was', 'unknown'), { minLength: 2, maxLength: 8 }), (words) => {
        expect(translateBackendProse(`${words.join(' ')} zz.`)).toBeUndefined();
      }),
    );
  });
});
