// createReceiver is synchronous and refuses bad options at start-up with INVALID_OPTIONS (docs/architecture.md, three
// tiers of failure), naming the option and never echoing key material.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ReceiverOptions } from '../src/receiver/index.js';
import { createReceiver, DEFAULT_BODY_LIMIT } from '../src/receiver/index.js';
import { NOTIFY_PATH } from '../src/protocol/index.js';
import { AuditNotifyError } from '../src/errors.js';
import { ANSWER_KEY_ID, SERIAL_NO, answerKeys, senderKeys } from './receiver-fixtures.js';

const valid: ReceiverOptions = {
  senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicPem }],
  answerKeys: [{ id: ANSWER_KEY_ID, privateKey: answerKeys.privatePem }],
  handler: () => undefined,
};

function invalid(options: unknown): AuditNotifyError {
  try {
    createReceiver(options as ReceiverOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditNotifyError);
    expect((error as AuditNotifyError).code).toBe('INVALID_OPTIONS');
    expect((error as AuditNotifyError).message).toMatch(/^createReceiver: /);
    return error as AuditNotifyError;
  }
  throw new Error('createReceiver accepted invalid options');
}

describe('createReceiver options', () => {
  it('returns a receiver synchronously, with its path and body limit', () => {
    const receiver = createReceiver(valid);
    expect(receiver).not.toBeInstanceOf(Promise);
    expect(receiver.path).toBe(NOTIFY_PATH);
    expect(receiver.bodyLimit).toBe(DEFAULT_BODY_LIMIT);
    expect(DEFAULT_BODY_LIMIT).toBe(65_536);
  });

  it('loads keys from PEM text, bytes, { path } or handles', () => {
    const path = fileURLToPath(new URL('../../../test-vectors/sender/apiclient_cert.pem', import.meta.url));
    const receiver = createReceiver({
      ...valid,
      senders: [
        { serialNo: SERIAL_NO, publicKey: { path } },
        { serialNo: 'A1', publicKey: new TextEncoder().encode(senderKeys.publicPem) },
        { serialNo: 'A2', publicKey: senderKeys.publicKey },
      ],
      answerKeys: [{ id: ANSWER_KEY_ID, privateKey: answerKeys.privateKey }],
      path: '/notify',
      bodyLimit: 4096,
    });
    expect(receiver.path).toBe('/notify');
    expect(receiver.bodyLimit).toBe(4096);
  });

  it('refuses a missing handler', () => {
    expect(invalid({ ...valid, handler: undefined }).message).toMatch(/handler/);
  });

  it('refuses an unknown option by name', () => {
    expect(invalid({ ...valid, windowSecs: 60 }).message).toMatch(/unknown option\(s\): windowSecs/);
  });

  it('refuses a bad key without echoing it', () => {
    const error = invalid({ ...valid, answerKeys: [{ id: ANSWER_KEY_ID, privateKey: 'SECRETSECRET not a key' }] });
    expect(error.message).toMatch(/answerKeys\[0\]\.privateKey could not be loaded/);
    expect(error.message).not.toContain('SECRETSECRET');
  });

  it('refuses a private key given as a sender public key, and a public key as an answer key', () => {
    expect(invalid({ ...valid, senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.privateKey }] }).message).toMatch(/senders\[0\]\.publicKey is a private key/);
    expect(invalid({ ...valid, answerKeys: [{ id: ANSWER_KEY_ID, privateKey: answerKeys.publicKey }] }).message).toMatch(/is a public key/);
  });

  it('refuses no senders, no answer keys, and duplicates', () => {
    expect(invalid({ ...valid, senders: [] }).message).toMatch(/senders/);
    expect(invalid({ ...valid, answerKeys: undefined }).message).toMatch(/answerKeys/);
    expect(invalid({ ...valid, senders: [...valid.senders, ...valid.senders] }).message).toMatch(/listed twice/);
    expect(invalid({ ...valid, answerKeys: [...valid.answerKeys, ...valid.answerKeys] }).message).toMatch(/listed twice/);
  });

  it('refuses serials, ids and mchids that cannot travel in a header', () => {
    expect(invalid({ ...valid, senders: [{ serialNo: 'AB"CD', publicKey: senderKeys.publicKey }] }).message).toMatch(/serialNo/);
    expect(invalid({ ...valid, answerKeys: [{ id: '', privateKey: answerKeys.privateKey }] }).message).toMatch(/id/);
    expect(invalid({ ...valid, senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, mchids: [] }] }).message).toMatch(/mchids/);
    expect(invalid({ ...valid, senders: [{ serialNo: SERIAL_NO, publicKey: senderKeys.publicKey, extra: 1 }] }).message).toMatch(/unknown option\(s\): extra/);
  });

  it('refuses numbers out of range and stores without their methods', () => {
    expect(invalid({ ...valid, windowSeconds: 0 }).message).toMatch(/windowSeconds/);
    expect(invalid({ ...valid, bodyLimit: 1.5 }).message).toMatch(/bodyLimit/);
    expect(invalid({ ...valid, path: 'notify' }).message).toMatch(/path/);
    expect(invalid({ ...valid, nonceStore: { claim: () => true } }).message).toMatch(/nonceStore/);
    expect(invalid({ ...valid, rateLimiter: {} }).message).toMatch(/rateLimiter/);
    expect(invalid({ ...valid, engine: { sign: () => '' } }).message).toMatch(/engine/);
    expect(invalid({ ...valid, onRejected: 'log' }).message).toMatch(/onRejected/);
    expect(invalid(null).message).toMatch(/options must be an object/);
  });
});
