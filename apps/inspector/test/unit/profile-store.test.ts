// The profile store: defaults on first start, persistence of profiles and of the chosen one, a damaged file
// that does not stop start-up, and the typed errors of every bad field.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InspectorError } from '../../src/main/services/errors.js';
import { createKeyStore, type KeyStore } from '../../src/main/services/key-store.js';
import { createProfileStore } from '../../src/main/services/profile-store.js';
import type { ProfileFields } from '../../src/shared/api.js';
import { seededDataDir } from './seeded-data-dir.js';

function setup(dataDir = seededDataDir()): { dataDir: string; keys: KeyStore; merchant: string; platform: string } {
  const keys = createKeyStore({ dataDir });
  const merchant = keys.list().find((k) => k.role === 'merchant')!.id;
  const platform = keys.list().find((k) => k.role === 'platform')!.id;
  return { dataDir, keys, merchant, platform };
}

const fields = (over: Partial<ProfileFields> = {}): ProfileFields => ({ name: 'Sandbox', mchid: '', target: { kind: 'local' }, answerKeyIds: [], production: false, ...over });

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InspectorError) return error.code;
    throw error;
  }
  return undefined;
}

describe('profile store', () => {
  it('starts with "Local" (the local receiver and the stored keys, chosen) and "Production" (the primary host, marked production)', () => {
    const { keys, dataDir, merchant, platform } = setup();
    const state = createProfileStore({ keys, dataDir }).state();
    const local = state.profiles.find((p) => p.name === 'Local')!;
    expect(local).toMatchObject({ target: { kind: 'local' }, senderKeyId: merchant, mchid: '1900016681', answerKeyIds: [platform], production: false });
    expect(state.currentId).toBe(local.id);
    expect(state.profiles.find((p) => p.name === 'Production')).toMatchObject({ target: { kind: 'host', host: 'primary' }, production: true });
  });

  it('keeps profiles and the chosen one across restarts', () => {
    const { keys, dataDir, merchant } = setup();
    const first = createProfileStore({ keys, dataDir });
    const created = first.create(fields({ name: 'Sandbox', senderKeyId: merchant, mchid: '1900000109', receiverPort: 18080 }));
    const sandbox = created.profiles.find((p) => p.name === 'Sandbox')!;
    expect(created.currentId).toBe(sandbox.id);
    const again = createProfileStore({ keys, dataDir }).state();
    expect(again).toEqual(created);
    expect(createProfileStore({ keys, dataDir }).current()).toMatchObject({ name: 'Sandbox', receiverPort: 18080, mchid: '1900000109' });
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['the wrong shape', JSON.stringify({ version: 1, currentId: 'p_1', profiles: [{ id: 'p_1', name: 3 }] })],
    ['no profiles', JSON.stringify({ version: 1, currentId: 'p_1', profiles: [] })],
  ])('starts with the defaults when profiles.json holds %s, and sets the file aside', (_what, text) => {
    const { keys, dataDir } = setup();
    writeFileSync(join(dataDir, 'profiles.json'), text);
    const store = createProfileStore({ keys, dataDir });
    expect(store.state().profiles.map((p) => p.name)).toEqual(['Local', 'Production']);
    expect(readFileSync(join(dataDir, 'profiles.json.unreadable'), 'utf8')).toBe(text);
    expect(existsSync(join(dataDir, 'profiles.json'))).toBe(false);
  });

  it('renames, edits, selects and removes; removing the chosen profile chooses the first one', () => {
    const { keys, dataDir } = setup();
    const store = createProfileStore({ keys, dataDir });
    const sandbox = store.create(fields()).profiles.find((p) => p.name === 'Sandbox')!;
    const renamed = store.update({ ...sandbox, name: 'Staging', receiverPort: 18081 }).profiles.find((p) => p.id === sandbox.id);
    expect(renamed).toMatchObject({ name: 'Staging', receiverPort: 18081 });
    expect(store.update({ ...renamed!, receiverPort: undefined }).profiles.find((p) => p.id === sandbox.id)).not.toHaveProperty('receiverPort');
    const after = store.remove(sandbox.id);
    expect(after.profiles.map((p) => p.name)).toEqual(['Local', 'Production']);
    expect(after.currentId).toBe(after.profiles[0]!.id);
    expect(codeOf(() => store.select(sandbox.id))).toBe('NOT_FOUND');
  });

  it('refuses bad fields with typed errors that name the field', () => {
    const { keys, dataDir, merchant, platform } = setup();
    const store = createProfileStore({ keys, dataDir });
    expect(codeOf(() => store.create(fields({ name: ' local ' })))).toBe('PROFILE_NAME_TAKEN');
    expect(codeOf(() => store.create(fields({ name: '   ' })))).toBe('PROFILE_INVALID_NAME');
    expect(codeOf(() => store.create(fields({ senderKeyId: 'k_missing' })))).toBe('PROFILE_UNKNOWN_KEY');
    expect(codeOf(() => store.create(fields({ senderKeyId: platform })))).toBe('PROFILE_UNKNOWN_KEY');
    expect(codeOf(() => store.create(fields({ answerKeyIds: [merchant] })))).toBe('PROFILE_UNKNOWN_KEY');
    for (const port of [0, -1, 65536]) expect(codeOf(() => store.create(fields({ receiverPort: port }))), String(port)).toBe('PROFILE_INVALID_PORT');
    expect(codeOf(() => store.create(fields({ mchid: '19000 16681' })))).toBe('PROFILE_INVALID_MCHID');
    const local = store.state().profiles[0]!;
    expect(codeOf(() => store.update({ ...local, name: 'production' }))).toBe('PROFILE_NAME_TAKEN');
    expect(store.update({ ...local, name: 'LOCAL' }).profiles[0]!.name).toBe('LOCAL');
    store.remove(store.state().profiles[1]!.id);
    expect(codeOf(() => store.remove(local.id))).toBe('PROFILE_LAST');
    expect(store.state().profiles).toHaveLength(1);
  });

  it('accepts exactly the mchids of 1 to 32 digits (or none)', () => {
    const { keys } = setup();
    const store = createProfileStore({ keys });
    const local = store.state().profiles[0]!;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^\d{0,34}$/)), (mchid) => {
        const code = codeOf(() => store.update({ ...local, mchid }));
        expect(code).toBe(/^\d{1,32}$/.test(mchid.trim()) || mchid.trim() === '' ? undefined : 'PROFILE_INVALID_MCHID');
      }),
    );
  });

  it('names a key production when a production profile uses it, and the chosen production profile', () => {
    const { keys, merchant, platform } = setup();
    const store = createProfileStore({ keys });
    expect(store.productionReason([merchant, platform])).toBeUndefined();
    const production = store.state().profiles.find((p) => p.production)!;
    store.update({ ...production, answerKeyIds: [platform] });
    expect(store.productionReason([merchant, undefined])).toBeUndefined();
    expect(store.productionReason([merchant, platform])).toBe('production-key');
    store.select(production.id);
    expect(store.productionReason(['k_other'])).toBe('production-profile');
  });
});
