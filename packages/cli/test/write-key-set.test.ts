// In-process: the atomic writer must leave nothing behind when writing fails half-way.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestKeySet } from '@auditnotify/core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeKeySet } from '../src/keys/write-key-set.js';
import { tempDir } from './helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

function brokenKeySet(): TestKeySet {
  return {
    mchid: '1900016681',
    serialNo: 'AB',
    wechatpayPublicKeyId: 'PUB_KEY_ID_X',
    sender: {
      privateKeyPem: 'k',
      certificatePem: 'c',
      get pkcs12(): Uint8Array {
        throw new Error('disk full');
      },
    },
    receiver: { privateKeyPem: 'r', publicKeyPem: 'p' },
  } as unknown as TestKeySet;
}

describe('writeKeySet', () => {
  it('leaves no folder at all when writing a new key set fails half-way', async () => {
    const target = join(tmp.dir, 'new');
    await expect(writeKeySet(target, brokenKeySet())).rejects.toThrow('disk full');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('keeps the old key set intact when replacing it with --force fails half-way', async () => {
    const target = join(tmp.dir, 'old');
    mkdirSync(join(target, 'sender'), { recursive: true });
    writeFileSync(join(target, 'keys.json'), '{"mchid":"1"}');
    writeFileSync(join(target, 'sender', 'apiclient_key.pem'), 'old key');
    await expect(writeKeySet(target, brokenKeySet(), { force: true })).rejects.toThrow('disk full');
    expect(readFileSync(join(target, 'keys.json'), 'utf8')).toBe('{"mchid":"1"}');
    expect(readFileSync(join(target, 'sender', 'apiclient_key.pem'), 'utf8')).toBe('old key');
    expect(readdirSync(tmp.dir)).toEqual(['old']);
  });
});
