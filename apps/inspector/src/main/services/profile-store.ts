/**
 * The profile store: named sets of a sender key, an mchid, a send target, answer keys, a `production` flag and
 * an optional pinned receiver port, and which one is chosen. Persisted as `profiles.json` in the data
 * directory (atomic writes, zod-validated on read). A damaged file never stops start-up: it is set aside as
 * `profiles.json.unreadable` and the defaults are used.
 *
 * Production keys: a key is production when a profile marked `production` uses it (as sender or answer key);
 * the key store itself holds no flag. {@link ProfileStore.productionReason} is the only place that decides.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { profileSchema, type Profile, type ProfileFields, type ProfilesState } from '../../shared/api.js';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
import { fail } from './errors.js';
import type { KeyStore } from './key-store.js';

/**
 * The profile store's interface.
 *
 * @example
 * ```ts
 * const profiles: ProfileStore = createProfileStore({ keys, dataDir });
 * profiles.current().name; // 'Local'
 * ```
 */
export interface ProfileStore {
  state(): ProfilesState;
  current(): Profile;
  create(fields: ProfileFields): ProfilesState;
  update(profile: Profile): ProfilesState;
  remove(id: string): ProfilesState;
  select(id: string): ProfilesState;
  /**
   * Why sending with these keys needs the user's yes: one of them belongs to a production profile, or the
   * chosen profile is production; `undefined` when neither.
   */
  productionReason(keyIds: ReadonlyArray<string | undefined>): 'production-key' | 'production-profile' | undefined;
}

const FILE = 'profiles.json';
const fileSchema = z.object({ version: z.literal(1), currentId: z.string(), profiles: z.array(profileSchema).min(1) });
const MCHID = /^\d{1,32}$/;
const NAME_LIMIT = 64;

/**
 * Creates the profile store over the key store (profiles name keys by their store ids).
 *
 * @example
 * ```ts
 * const profiles = createProfileStore({ keys, dataDir: app.getPath('userData') });
 * profiles.select(profiles.state().profiles[0].id);
 * ```
 */
export function createProfileStore(options: { keys: KeyStore; dataDir?: string }): ProfileStore {
  const { keys } = options;
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, FILE);
  let { profiles, currentId } = load(path) ?? defaults(keys);
  if (!profiles.some((p) => p.id === currentId)) currentId = profiles[0]!.id;

  const state = (): ProfilesState => ({ profiles: profiles.map((p) => ({ ...p })), currentId });
  const persist = (): ProfilesState => {
    if (path) writeFileAtomic(path, `${JSON.stringify({ version: 1, currentId, profiles }, null, 2)}\n`);
    return state();
  };
  const find = (id: string): Profile => {
    const profile = profiles.find((p) => p.id === id);
    if (!profile) fail('NOT_FOUND', `No profile has the id ${id}.`, { id });
    return profile;
  };
  const checked = (fields: ProfileFields, id: string | undefined): ProfileFields => {
    const name = fields.name.trim();
    if (name === '' || name.length > NAME_LIMIT) fail('PROFILE_INVALID_NAME', `A profile needs a name of 1 to ${NAME_LIMIT} characters.`, { field: 'name' });
    const taken = profiles.find((p) => p.id !== id && p.name.toLowerCase() === name.toLowerCase());
    if (taken) fail('PROFILE_NAME_TAKEN', `A profile named "${taken.name}" exists already: choose another name.`, { field: 'name', name: taken.name });
    const mchid = fields.mchid.trim();
    if (mchid !== '' && !MCHID.test(mchid)) fail('PROFILE_INVALID_MCHID', `The mchid "${mchid}" is not 1 to 32 digits.`, { field: 'mchid', mchid });
    if (fields.receiverPort !== undefined && (fields.receiverPort < 1 || fields.receiverPort > 65535)) {
      fail('PROFILE_INVALID_PORT', `The receiver port ${fields.receiverPort} is not between 1 and 65535.`, { field: 'receiverPort', port: fields.receiverPort });
    }
    requireKey(keys, fields.senderKeyId, 'merchant', 'senderKeyId');
    for (const answerKeyId of fields.answerKeyIds) requireKey(keys, answerKeyId, 'platform', 'answerKeyIds');
    const { receiverPort, senderKeyId, ...rest } = fields;
    return {
      ...rest,
      name,
      mchid,
      answerKeyIds: [...new Set(fields.answerKeyIds)],
      ...(senderKeyId === undefined ? {} : { senderKeyId }),
      ...(receiverPort === undefined ? {} : { receiverPort }),
    };
  };

  return {
    state,
    current: () => find(currentId),
    create(fields) {
      const profile = { id: newProfileId(), ...checked(fields, undefined) };
      profiles = [...profiles, profile];
      currentId = profile.id;
      return persist();
    },
    update({ id, ...fields }) {
      find(id);
      const profile = { id, ...checked(fields, id) };
      profiles = profiles.map((p) => (p.id === id ? profile : p));
      return persist();
    },
    remove(id) {
      find(id);
      if (profiles.length === 1) fail('PROFILE_LAST', 'The last profile cannot be removed: create another one first.', { id });
      profiles = profiles.filter((p) => p.id !== id);
      if (currentId === id) currentId = profiles[0]!.id;
      return persist();
    },
    select(id) {
      find(id);
      currentId = id;
      return persist();
    },
    productionReason(keyIds) {
      const used = new Set(keyIds.filter((id): id is string => id !== undefined));
      const production = profiles.filter((p) => p.production);
      if (production.some((p) => [p.senderKeyId, ...p.answerKeyIds].some((id) => id !== undefined && used.has(id)))) return 'production-key';
      return find(currentId).production ? 'production-profile' : undefined;
    },
  };
}

function requireKey(keys: KeyStore, id: string | undefined, role: 'merchant' | 'platform', field: string): void {
  if (id === undefined) return;
  const key = keys.list().find((k) => k.id === id);
  if (!key || key.role !== role) {
    const what = role === 'merchant' ? 'merchant key' : 'platform key';
    fail('PROFILE_UNKNOWN_KEY', `No stored ${what} has the id ${id}: choose one of the Keys pane.`, { field, id, role });
  }
}

/** The profiles of `path`; `undefined` (defaults) when it is missing or damaged (then set aside, never lost). */
function load(path: string | undefined): { profiles: Profile[]; currentId: string } | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    const parsed = fileSchema.safeParse(readJsonFile(path));
    if (parsed.success) return { profiles: parsed.data.profiles, currentId: parsed.data.currentId };
  } catch {
    // Not JSON: set aside below.
  }
  renameSync(path, `${path}.unreadable`);
  return undefined;
}

/** First start: "Local" (the local receiver, the stored test keys) and "Production" (the primary host, no key yet). */
function defaults(keys: KeyStore): { profiles: Profile[]; currentId: string } {
  const list = keys.list();
  const merchant = list.find((k) => k.role === 'merchant' && k.hasPrivateKey);
  const local: Profile = {
    id: newProfileId(),
    name: 'Local',
    ...(merchant ? { senderKeyId: merchant.id } : {}),
    mchid: merchant?.mchid ?? '',
    target: { kind: 'local' },
    answerKeyIds: list.filter((k) => k.role === 'platform' && k.hasPrivateKey).map((k) => k.id),
    production: false,
  };
  const production: Profile = { id: newProfileId(), name: 'Production', mchid: '', target: { kind: 'host', host: 'primary' }, answerKeyIds: [], production: true };
  return { profiles: [local, production], currentId: local.id };
}

function newProfileId(): string {
  return `p_${randomBytes(6).toString('hex')}`;
}
