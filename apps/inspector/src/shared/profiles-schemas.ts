/**
 * Schemas of the `profiles.*` methods: named sets of a sender key, an mchid, a send target, answer keys, a
 * `production` flag and an optional pinned port of the local receiver ("Local", "Sandbox", "Production"),
 * switched from the header. The profile store checks what a schema cannot (names unique, keys stored, port
 * range, mchid digits) and answers with the typed errors `PROFILE_*`.
 */
import { z } from 'zod';
import { idSchema } from './common-schemas.js';
import { sendTargetSchema } from './send-schemas.js';

/**
 * What the user edits of a profile (`profiles.create`, `profiles.update`).
 * - `senderKeyId`: store id of the merchant key that signs.
 * - `mchid`: written into the composed body's `mchid` when the profile is chosen (digits, empty for none).
 * - `answerKeyIds`: store ids of the platform keys that verify the answer (the first is Send's answer key, named in
 *   the request's `Wechatpay-Serial`, so the local receiver answers with it).
 * - `production`: everything sent with this profile, or with one of its keys, asks for confirmation first.
 * - `receiverPort`: the local receiver starts on this port while the profile is chosen.
 *
 * @example
 * ```ts
 * profileFieldsSchema.parse({ name: 'Sandbox', mchid: '1900016681', target: { kind: 'url', url: 'https://sandbox.example/notify' }, answerKeyIds: [], production: false });
 * ```
 */
export const profileFieldsSchema = z
  .object({
    name: z.string().max(200),
    senderKeyId: idSchema.optional(),
    mchid: z.string().max(200).default(''),
    target: sendTargetSchema,
    answerKeyIds: z.array(idSchema).max(20).default([]),
    production: z.boolean().default(false),
    // Any integer here: the store answers PROFILE_INVALID_PORT with what to fix instead of a schema error.
    receiverPort: z.number().int().optional(),
  })
  .strict();
/**
 * See {@link profileFieldsSchema}.
 *
 * @example
 * ```ts
 * const fields: ProfileFields = { name: 'Local', mchid: '', target: { kind: 'local' }, answerKeyIds: [], production: false };
 * ```
 */
export type ProfileFields = z.output<typeof profileFieldsSchema>;

/**
 * A stored profile.
 *
 * @example
 * ```ts
 * const profile = profileSchema.parse({ id: 'p_1', name: 'Local', mchid: '', target: { kind: 'local' }, answerKeyIds: [], production: false });
 * ```
 */
export const profileSchema = profileFieldsSchema.extend({ id: idSchema });
/**
 * See {@link profileSchema}.
 *
 * @example
 * ```ts
 * const profile: Profile = unwrap(await api.profiles.list()).profiles[0];
 * ```
 */
export type Profile = z.output<typeof profileSchema>;

/**
 * `profiles.list` request.
 *
 * @example
 * ```ts
 * profilesListInputSchema.parse({});
 * ```
 */
export const profilesListInputSchema = z.object({}).strict();
/**
 * Answer of every `profiles.*` method: all profiles and the chosen one.
 *
 * @example
 * ```ts
 * const { profiles, currentId } = profilesOutputSchema.parse(result.data);
 * ```
 */
export const profilesOutputSchema = z.object({ profiles: z.array(profileSchema), currentId: idSchema });
/**
 * See {@link profilesOutputSchema}.
 *
 * @example
 * ```ts
 * const state: ProfilesState = unwrap(await api.profiles.list());
 * ```
 */
export type ProfilesState = z.output<typeof profilesOutputSchema>;

/**
 * `profiles.create` request: the new profile's fields (it becomes the chosen one).
 *
 * @example
 * ```ts
 * await api.profiles.create({ name: 'Sandbox', target: { kind: 'local' } });
 * ```
 */
export const profilesCreateInputSchema = profileFieldsSchema;
/**
 * `profiles.update` request: the profile's id and all its fields (rename is an update of `name`).
 *
 * @example
 * ```ts
 * await api.profiles.update({ id: 'p_1', name: 'Local 2', target: { kind: 'local' } });
 * ```
 */
export const profilesUpdateInputSchema = profileSchema;
/**
 * `profiles.remove` / `profiles.select` request.
 *
 * @example
 * ```ts
 * await api.profiles.select({ id: 'p_1' });
 * ```
 */
export const profileIdInputSchema = z.object({ id: idSchema }).strict();
