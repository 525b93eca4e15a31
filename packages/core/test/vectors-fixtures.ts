// Test-only fixtures: the openssl-made vectors and keys of test-vectors/ at the repository root (public test
// material, never for real use), with key handles built straight from node:crypto for the engine tests.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PrivateKeyHandle, PublicKeyHandle } from '../src/types.js';

export const VECTORS_DIR = fileURLToPath(new URL('../../../test-vectors/', import.meta.url));

export interface RequestVector {
  method: string;
  url: string;
  timestamp: string;
  nonce_str: string;
  body: string;
  message: string;
  signature: string;
  authorization: string;
}

export interface ResponseVector {
  timestamp: string;
  nonce: string;
  body: string;
  message: string;
  signature: string;
  serial: string;
}

export interface Vectors {
  mchid: string;
  serial_no: string;
  wechatpay_public_key_id: string;
  requests: RequestVector[];
  responses: ResponseVector[];
}

export const vectors = JSON.parse(readFileSync(`${VECTORS_DIR}vectors.json`, 'utf8')) as Vectors;

export function readVectorFile(name: string): string {
  return readFileSync(`${VECTORS_DIR}${name}`, 'utf8');
}

function fingerprintOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return (createHash('sha256').update(spki).digest('hex').match(/../g) ?? []).join(':');
}

export function privateHandle(pem: string): PrivateKeyHandle {
  const keyObject = createPrivateKey(pem);
  return {
    kind: 'private',
    pkcs8Der: new Uint8Array(keyObject.export({ type: 'pkcs8', format: 'der' })),
    bits: keyObject.asymmetricKeyDetails?.modulusLength ?? 0,
    source: 'pkcs8',
    fingerprint: fingerprintOf(createPublicKey(keyObject)),
  };
}

export function publicHandle(pem: string): PublicKeyHandle {
  const keyObject = createPublicKey(pem);
  return {
    kind: 'public',
    spkiDer: new Uint8Array(keyObject.export({ type: 'spki', format: 'der' })),
    bits: keyObject.asymmetricKeyDetails?.modulusLength ?? 0,
    fingerprint: fingerprintOf(keyObject),
  };
}

/** The sender's key pair (signs requests) and the receiver's (signs answers), from the shared vectors. */
export const senderPrivate = privateHandle(readVectorFile('sender/apiclient_key.pem'));
export const senderPublic = publicHandle(readVectorFile('sender/apiclient_pub.pem'));
export const receiverPrivate = privateHandle(readVectorFile('receiver/wxp_key.pem'));
export const receiverPublic = publicHandle(readVectorFile('receiver/wxp_pub.pem'));

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
