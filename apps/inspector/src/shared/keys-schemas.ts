/**
 * Schemas of the `keys.*` methods. The key store keeps private keys in the main process; the renderer
 * only sees {@link KeySummary}: ids, key ids, fingerprints and what each key can do.
 */
import { z } from 'zod';
import { bytesInputSchema, emptyInputSchema, idSchema } from './common-schemas.js';

/**
 * What a stored key is for (protocol.md §1: the sender signs requests, the receiver signs answers).
 * - `merchant`: the caller's key pair, named by `serial_no` in `Authorization`; its private half signs
 *   requests, its public half (certificate) lets a receiver verify them.
 * - `platform`: the answering side's key pair, named by `Wechatpay-Serial` (`PUB_KEY_ID_…`); its private half
 *   signs answers in the local receiver, its public half verifies answers.
 *
 * @example
 * ```ts
 * keyRoleSchema.parse('platform');
 * ```
 */
export const keyRoleSchema = z.enum(['merchant', 'platform']);
/**
 * See {@link keyRoleSchema}.
 *
 * @example
 * ```ts
 * const role: KeyRole = 'merchant';
 * ```
 */
export type KeyRole = z.infer<typeof keyRoleSchema>;

/**
 * A certificate's public facts (never the key itself).
 *
 * @example
 * ```ts
 * const cert = certificateSummarySchema.parse(key.certificate);
 * cert.expired; // false
 * ```
 */
export const certificateSummarySchema = z.object({
  serialNo: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  expired: z.boolean(),
});
/**
 * See {@link certificateSummarySchema}.
 *
 * @example
 * ```ts
 * const cert: CertificateSummary | undefined = key.certificate;
 * cert?.notAfter;
 * ```
 */
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/**
 * A stored key as the renderer sees it.
 *
 * @example
 * ```ts
 * const k: KeySummary = { id: 'k_1', role: 'merchant', keyId: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
 *   mchid: '1900016681', label: 'Test key set', hasPrivateKey: true, hasPublicKey: true, bits: 2048,
 *   fingerprint: 'ab:cd:…', source: 'generated', createdAt: '2026-11-26T23:00:00.000Z' };
 * ```
 */
export const keySummarySchema = z.object({
  /** Store id: what other methods take as `keyId`/`answerKeyId` references. */
  id: idSchema,
  role: keyRoleSchema,
  /** `serial_no` for merchant keys, `Wechatpay-Serial` (`PUB_KEY_ID_…`) for platform keys. */
  keyId: z.string(),
  /** Merchant id this key signs for (merchant keys). */
  mchid: z.string().optional(),
  label: z.string(),
  hasPrivateKey: z.boolean(),
  hasPublicKey: z.boolean(),
  bits: z.number().int(),
  /** SHA-256 of the public key's SPKI DER, hex pairs joined by `:`. */
  fingerprint: z.string(),
  source: z.enum(['generated', 'pkcs8', 'pkcs1', 'pkcs12', 'certificate', 'public-key']),
  certificate: certificateSummarySchema.optional(),
  createdAt: z.string(),
});
/**
 * See {@link keySummarySchema}.
 *
 * @example
 * ```ts
 * const merchant: KeySummary | undefined = keys.find((k) => k.role === 'merchant' && k.hasPrivateKey);
 * ```
 */
export type KeySummary = z.infer<typeof keySummarySchema>;

/**
 * `keys.list` request: nothing.
 *
 * @example
 * ```ts
 * keysListInputSchema.parse({});
 * ```
 */
export const keysListInputSchema = emptyInputSchema;
/**
 * `keys.list` answer.
 *
 * @example
 * ```ts
 * const { keys } = keysListOutputSchema.parse(result.data);
 * ```
 */
export const keysListOutputSchema = z.object({ keys: z.array(keySummarySchema) });

/**
 * `keys.generate` request: a fresh test key set (core `generateTestKeySet`): one merchant and one platform key.
 *
 * @example
 * ```ts
 * keysGenerateInputSchema.parse({ mchid: '1900016681', label: 'Test key set' });
 * ```
 */
export const keysGenerateInputSchema = z
  .object({
    mchid: z.string().regex(/^\d{1,32}$/).optional(),
    label: z.string().max(120).optional(),
  })
  .strict();
/**
 * `keys.generate` answer: the two new keys.
 *
 * @example
 * ```ts
 * const { merchant, platform } = keysGenerateOutputSchema.parse(result.data);
 * ```
 */
export const keysGenerateOutputSchema = z.object({
  merchant: keySummarySchema,
  platform: keySummarySchema,
});

/**
 * `keys.import` request. Give a private key (PKCS#8 / PKCS#1 PEM) and/or a certificate, a PKCS#12 file
 * (with its password, by default the mchid), or a public key. Each as text or Base64 bytes.
 * Merchant keys take their `keyId` from the certificate serial when one is given; platform keys need
 * `keyId` (`PUB_KEY_ID_…`).
 *
 * @example
 * ```ts
 * keysImportInputSchema.parse({ role: 'platform', keyId: 'PUB_KEY_ID_0119000166812025091500000000000001', publicKey: { text: pem } });
 * ```
 */
export const keysImportInputSchema = z
  .object({
    role: keyRoleSchema,
    label: z.string().max(120).optional(),
    keyId: z.string().min(1).max(128).optional(),
    mchid: z.string().max(32).optional(),
    privateKey: bytesInputSchema.optional(),
    certificate: bytesInputSchema.optional(),
    publicKey: bytesInputSchema.optional(),
    pkcs12: bytesInputSchema.optional(),
    password: z.string().max(256).optional(),
  })
  .strict()
  .refine((v) => v.privateKey ?? v.certificate ?? v.publicKey ?? v.pkcs12, {
    message: 'give a privateKey, certificate, publicKey or pkcs12',
  });
/**
 * `keys.import` answer: the stored key.
 *
 * @example
 * ```ts
 * const { key } = keysImportOutputSchema.parse(result.data);
 * ```
 */
export const keysImportOutputSchema = z.object({ key: keySummarySchema });

/**
 * `keys.remove` request.
 *
 * @example
 * ```ts
 * keysRemoveInputSchema.parse({ id: 'k_1' });
 * ```
 */
export const keysRemoveInputSchema = z.object({ id: idSchema }).strict();
/**
 * `keys.remove` answer.
 *
 * @example
 * ```ts
 * keysRemoveOutputSchema.parse({ removed: true });
 * ```
 */
export const keysRemoveOutputSchema = z.object({ removed: z.boolean() });

/**
 * One finding of the key doctor (core `diagnoseKeyMaterial`).
 *
 * @example
 * ```ts
 * keyFindingSchema.parse({ level: 'warn', code: 'KEY_FORMAT_PKCS1', message: '…' });
 * ```
 */
export const keyFindingSchema = z.object({
  level: z.enum(['ok', 'warn', 'error']),
  code: z.string(),
  message: z.string(),
});
/**
 * See {@link keyFindingSchema}.
 *
 * @example
 * ```ts
 * const worst: KeyFinding | undefined = report.findings[0];
 * ```
 */
export type KeyFinding = z.infer<typeof keyFindingSchema>;

/**
 * `keys.doctor` request: pasted/loaded key material to examine (nothing is stored), or a stored key `id`.
 * `against` optionally names a stored key whose public half the material should match.
 *
 * @example
 * ```ts
 * keysDoctorInputSchema.parse({ material: { text: pastedPem }, against: 'k_1' });
 * ```
 */
export const keysDoctorInputSchema = z
  .object({
    material: bytesInputSchema.optional(),
    id: idSchema.optional(),
    password: z.string().max(256).optional(),
    against: idSchema.optional(),
  })
  .strict()
  .refine((v) => v.material ?? v.id, { message: 'give material or id' });
/**
 * `keys.doctor` answer: findings, worst first.
 *
 * @example
 * ```ts
 * const { ok, findings } = keysDoctorOutputSchema.parse(result.data);
 * ```
 */
export const keysDoctorOutputSchema = z.object({
  ok: z.boolean(),
  /** What the material turned out to be: `private-key`, `public-key`, `certificate`, `pkcs12`, `bundle` or `unknown`. */
  kind: z.string().optional(),
  findings: z.array(keyFindingSchema),
});
