import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppInfo, AuditNotifyApi, KeySummary, Profile, ProfilesState, ReceiverEvent, ReceiverStatus, SendRunOutput, SignComputeOutput } from '../../shared/api.js';
import { withMchid } from '../util/with-mchid.js';
import type { PaneId } from './pane-id.js';
import { WorkbenchContext, type DecodeKind, type DecodeRequest, type SignParams, type Workbench } from './workbench-context.js';

const POLL_MS = 1000;
const MAX_EVENTS = 500;
const COLLECTION_DIR_KEY = 'auditnotify.collectionDir';

/**
 * Loads what first start needs (app info, keys, the documentation's sample, receiver status), keeps the shared
 * pane state and polls the local receiver for new events.
 *
 * @example
 * <WorkbenchProvider api={createClient()}><App /></WorkbenchProvider>
 */
export function WorkbenchProvider({ api, children }: { api: AuditNotifyApi; children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [pane, setPane] = useState<PaneId>('compose');
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [merchantKeyId, setMerchantKeyId] = useState<string>();
  const [platformKeyId, setPlatformKeyId] = useState<string>();
  const [bodyText, setBodyText] = useState('');
  const [signParams, setSignParamsState] = useState<SignParams>({ method: 'POST', url: '', timestamp: '', nonce: '' });
  const [signed, setSigned] = useState<{ output: SignComputeOutput; bodyText: string } | null>(null);
  const [lastSend, setLastSend] = useState<SendRunOutput | null>(null);
  const [receiver, setReceiver] = useState<ReceiverStatus | null>(null);
  const [events, setEvents] = useState<ReceiverEvent[]>([]);
  const [decodeRequest, setDecodeRequest] = useState<DecodeRequest | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [collectionDir, setCollectionDirState] = useState(() => localStorage.getItem(COLLECTION_DIR_KEY) ?? '');
  const [collectionVersion, setCollectionVersion] = useState(0);
  const [profiles, setProfilesState] = useState<ProfilesState | null>(null);
  const [appliedProfile, setAppliedProfile] = useState<{ profile: Profile; seq: number } | null>(null);
  const since = useRef(0);

  const refreshKeys = useCallback(async () => {
    const result = await api.keys.list();
    if (!result.ok) return;
    const list = result.data.keys;
    setKeys(list);
    // Keep the chosen keys while they exist; otherwise take the newest usable one of each role.
    const newest = (role: KeySummary['role']) => [...list].reverse().find((k) => k.role === role && k.hasPrivateKey)?.id;
    setMerchantKeyId((id) => (id && list.some((k) => k.id === id) ? id : newest('merchant')));
    setPlatformKeyId((id) => (id && list.some((k) => k.id === id) ? id : newest('platform')));
  }, [api]);

  const polling = useRef<Promise<void> | null>(null);
  const refreshReceiver = useCallback(() => {
    // One poll at a time: the timer and a just-finished send must not both fetch from the same `since`.
    polling.current ??= (async () => {
      try {
        const result = await api.receiver.events({ since: since.current });
        if (!result.ok) return;
        setReceiver(result.data.status);
        since.current = Math.max(since.current, result.data.next);
        const fresh = result.data.events;
        if (fresh.length > 0) {
          setEvents((old) => {
            const known = new Set(old.map((e) => e.id));
            return [...fresh.filter((e) => !known.has(e.id)).reverse(), ...old].slice(0, MAX_EVENTS);
          });
          setHistoryVersion((v) => v + 1);
        }
      } finally {
        polling.current = null;
      }
    })();
    return polling.current;
  }, [api]);

  // A profile fills what it names: the sender key, the answer key, the body's mchid and (in Send) the target.
  const applyProfile = useCallback((profile: Profile) => {
    if (profile.senderKeyId) setMerchantKeyId(profile.senderKeyId);
    if (profile.answerKeyIds[0]) setPlatformKeyId(profile.answerKeyIds[0]);
    setBodyText((text) => withMchid(text, profile.mchid));
    setAppliedProfile((old) => ({ profile, seq: (old?.seq ?? 0) + 1 }));
  }, []);
  const chosen = useRef<string | undefined>(undefined);
  const setProfiles = useCallback(
    (state: ProfilesState) => {
      setProfilesState(state);
      const current = state.profiles.find((p) => p.id === state.currentId);
      // Applied when another profile is chosen or the chosen one was edited; other answers leave the panes alone.
      const seen = current ? JSON.stringify(current) : undefined;
      if (current && chosen.current !== seen) applyProfile(current);
      chosen.current = seen;
      // The receiver's pinned port and answer keys follow the profile.
      void refreshReceiver();
    },
    [applyProfile, refreshReceiver],
  );
  const selectProfile = useCallback(
    async (id: string) => {
      const result = await api.profiles.select({ id });
      if (result.ok) setProfiles(result.data);
    },
    [api, setProfiles],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [infoResult, sample] = await Promise.all([api.app.info(), api.compose.sample({})]);
      if (cancelled) return;
      if (infoResult.ok) {
        setInfo(infoResult.data);
        setSignParamsState((p) => ({ ...p, url: p.url || infoResult.data.notifyPath }));
      }
      if (sample.ok) setBodyText((text) => text || sample.data.text);
      if (!localStorage.getItem(COLLECTION_DIR_KEY)) {
        const listed = await api.collection.list({});
        if (!cancelled && listed.ok) setCollectionDirState((dir) => dir || listed.data.dir);
      }
      await refreshKeys();
      const listed = await api.profiles.list({});
      if (!cancelled && listed.ok) setProfiles(listed.data);
      await refreshReceiver();
    })();
    return () => {
      cancelled = true;
    };
  }, [api, refreshKeys, refreshReceiver, setProfiles]);

  useEffect(() => {
    const timer = setInterval(() => void refreshReceiver(), POLL_MS);
    return () => clearInterval(timer);
  }, [refreshReceiver]);

  const value = useMemo<Workbench>(
    () => ({
      api,
      info,
      pane,
      setPane,
      keys,
      refreshKeys,
      merchantKeyId,
      setMerchantKeyId,
      platformKeyId,
      setPlatformKeyId,
      bodyText,
      setBodyText,
      signParams,
      setSignParams: (update) => setSignParamsState((p) => ({ ...p, ...update })),
      signed,
      setSigned,
      lastSend,
      setLastSend,
      receiver,
      events,
      refreshReceiver,
      decodeRequest,
      openInDecode: (kind: DecodeKind, text: string) => {
        setDecodeRequest((old) => ({ kind, text, seq: (old?.seq ?? 0) + 1 }));
        setPane('decode');
      },
      historyVersion,
      bumpHistory: () => setHistoryVersion((v) => v + 1),
      collectionDir,
      setCollectionDir: (dir: string) => {
        localStorage.setItem(COLLECTION_DIR_KEY, dir);
        setCollectionDirState(dir);
      },
      collectionVersion,
      bumpCollection: () => setCollectionVersion((v) => v + 1),
      profiles,
      selectProfile,
      setProfiles,
      appliedProfile,
    }),
    [api, info, pane, keys, refreshKeys, merchantKeyId, platformKeyId, bodyText, signParams, signed, lastSend, receiver, events, refreshReceiver, decodeRequest, historyVersion, collectionDir, collectionVersion, profiles, selectProfile, setProfiles, appliedProfile],
  );
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}
