import { createContext } from 'react';
import type {
  AppInfo,
  AuditNotifyApi,
  KeySummary,
  Profile,
  ProfilesState,
  ReceiverEvent,
  ReceiverStatus,
  SendRunOutput,
  SignComputeOutput,
} from '../../shared/api.js';
import type { PaneId } from './pane-id.js';

/** What Decode should open next (set by Receiver, History and Send). */
export interface DecodeRequest {
  kind: DecodeKind;
  text: string;
  /** Increases on each request so the same text can be opened twice. */
  seq: number;
}

/** Input kinds the Decode pane offers. */
export type DecodeKind = 'auto' | 'raw-http' | 'curl' | 'parts' | 'answer' | 'callback';

/** Sign parameters as typed by the user; empty strings mean "let the backend choose". */
export interface SignParams {
  method: string;
  url: string;
  timestamp: string;
  nonce: string;
}

/**
 * The shared state of the panes: the body being composed (the exact text that gets signed and sent),
 * the chosen keys, the last signature and send, receiver events, and cross-pane navigation.
 */
export interface Workbench {
  api: AuditNotifyApi;
  info: AppInfo | null;
  pane: PaneId;
  setPane(pane: PaneId): void;
  keys: KeySummary[];
  refreshKeys(): Promise<void>;
  merchantKeyId: string | undefined;
  setMerchantKeyId(id: string): void;
  platformKeyId: string | undefined;
  setPlatformKeyId(id: string): void;
  bodyText: string;
  setBodyText(text: string): void;
  signParams: SignParams;
  setSignParams(update: Partial<SignParams>): void;
  signed: { output: SignComputeOutput; bodyText: string } | null;
  setSigned(value: { output: SignComputeOutput; bodyText: string } | null): void;
  lastSend: SendRunOutput | null;
  setLastSend(value: SendRunOutput | null): void;
  receiver: ReceiverStatus | null;
  events: ReceiverEvent[];
  refreshReceiver(): Promise<void>;
  decodeRequest: DecodeRequest | null;
  openInDecode(kind: DecodeKind, text: string): void;
  historyVersion: number;
  bumpHistory(): void;
  /** The collection folder saved requests go to (remembered in this browser). */
  collectionDir: string;
  setCollectionDir(dir: string): void;
  /** Increases on every save or removal, so the collection list reloads. */
  collectionVersion: number;
  bumpCollection(): void;
  /** The profiles and the chosen one (kept by the backend, so the choice survives restarts). */
  profiles: ProfilesState | null;
  /** Chooses a profile and fills Compose and Send from it. */
  selectProfile(id: string): Promise<void>;
  /** Takes the answer of a `profiles.*` call; a newly chosen profile fills Compose and Send. */
  setProfiles(state: ProfilesState): void;
  /** The last profile applied (`seq` increases on each), so Send takes its target. */
  appliedProfile: { profile: Profile; seq: number } | null;
}

/**
 * Context of the shared pane state.
 *
 * @example
 * <WorkbenchContext.Provider value={workbench}>…</WorkbenchContext.Provider>
 */
export const WorkbenchContext = createContext<Workbench | null>(null);
