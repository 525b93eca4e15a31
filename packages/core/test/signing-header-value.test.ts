import { describe, expect, it } from 'vitest';
import { readHeader } from '../src/protocol/header-value.js';

describe('readHeader', () => {
  it('reads Node-style lower-case names with any-case lookups', () => {
    expect(readHeader({ 'wechatpay-serial': 'PUB_KEY_ID_1' }, 'Wechatpay-Serial')).toBe('PUB_KEY_ID_1');
  });

  it('finds names stored in any case', () => {
    expect(readHeader({ 'WeChatPay-Serial': 'A' }, 'wechatpay-serial')).toBe('A');
    expect(readHeader({ AUTHORIZATION: 'x' }, 'Authorization')).toBe('x');
  });

  it('reads a Fetch Headers object', () => {
    expect(readHeader(new Headers({ 'Wechatpay-Nonce': 'N' }), 'wechatpay-nonce')).toBe('N');
  });

  it('joins repeated values with ", " as Fetch does', () => {
    expect(readHeader({ 'wechatpay-nonce': ['a', 'b'] }, 'Wechatpay-Nonce')).toBe('a, b');
    expect(readHeader({ 'wechatpay-nonce': ['a'] }, 'Wechatpay-Nonce')).toBe('a');
  });

  it('treats absent and empty values as absent', () => {
    expect(readHeader({}, 'Wechatpay-Nonce')).toBeUndefined();
    expect(readHeader({ 'wechatpay-nonce': '' }, 'Wechatpay-Nonce')).toBeUndefined();
    expect(readHeader({ 'wechatpay-nonce': undefined }, 'Wechatpay-Nonce')).toBeUndefined();
    expect(readHeader({ 'wechatpay-nonce': [] }, 'Wechatpay-Nonce')).toBeUndefined();
    expect(readHeader(new Headers(), 'Wechatpay-Nonce')).toBeUndefined();
  });

  it('ignores inherited properties of a plain object', () => {
    expect(readHeader({}, 'constructor')).toBeUndefined();
    expect(readHeader({}, '__proto__')).toBeUndefined();
  });
});
