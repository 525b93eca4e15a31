/**
 * Shapes of the standard APIv3 callback envelope (protocol.md §6), shared by the envelope functions.
 */

/**
 * The encrypted `resource` of an APIv3 callback.
 *
 * @example
 * ```ts
 * const resource: EncryptedResource = { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce: 'fdasflkja484', associated_data: 'transaction' };
 * ```
 */
export interface EncryptedResource {
  /** Always `AEAD_AES_256_GCM`. */
  algorithm: 'AEAD_AES_256_GCM';
  /** Base64 of ciphertext ‖ 16-byte GCM tag. */
  ciphertext: string;
  /** Additional authenticated data as text; may be empty or absent. */
  associated_data?: string;
  /** The GCM IV as text (12 characters in practice). */
  nonce: string;
  /** The type of the decrypted object, e.g. `transaction`. */
  original_type?: string;
}

/**
 * A parsed APIv3 callback body; unknown fields are kept.
 *
 * @example
 * ```ts
 * const envelope: CallbackEnvelope = parseCallbackEnvelope(rawBody);
 * envelope.event_type; // 'TRANSACTION.SUCCESS'
 * ```
 */
export interface CallbackEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  resource: EncryptedResource;
  summary?: string;
  [key: string]: unknown;
}

/**
 * What {@link decryptResource} gives back.
 *
 * @example
 * ```ts
 * const { plaintext, json }: DecryptedResource = decryptResource(envelope.resource, apiV3Key);
 * ```
 */
export interface DecryptedResource {
  /** The UTF-8 plaintext. */
  plaintext: string;
  /** `JSON.parse(plaintext)` when the plaintext is JSON; absent otherwise. */
  json?: unknown;
}
