// What every runtime's server entry serves: the scenario server of the remote conformance run, building the
// conformance app of each test. Keys arrive as PEM text; core's WebCrypto build (the one Bun, Deno and workerd
// load) takes them as handles imported first, as an integrator on those runtimes does. No node: import.
import { importPrivateKey, importPublicKey } from '@auditnotify/core';
import { createScenarioServer } from '@auditnotify/conformance/remote';
import type { FetchHandlerOptions } from '@auditnotify/fetch';
import { createConformanceFetchApp } from './conformance-app.js';

type KeyOptions = Pick<FetchHandlerOptions, 'senders' | 'answerKeys'>;

/** PEM strings among the keys, imported; anything else (a bad key of a start-up case) passed on unchanged. */
async function importKeys<T extends KeyOptions>(options: T): Promise<T> {
  const importOr = async <K,>(value: unknown, load: (pem: string) => Promise<K>): Promise<unknown> =>
    typeof value === 'string' && value.includes('-----BEGIN') ? load(value) : value;
  return {
    ...options,
    senders: Array.isArray(options.senders)
      ? await Promise.all(options.senders.map(async (sender) => ({ ...sender, publicKey: await importOr(sender.publicKey, importPublicKey) })))
      : options.senders,
    answerKeys: Array.isArray(options.answerKeys)
      ? await Promise.all(options.answerKeys.map(async (key) => ({ ...key, privateKey: await importOr(key.privateKey, importPrivateKey) })))
      : options.answerKeys,
  } as T;
}

export const serveScenario = createScenarioServer(async (options, setup) =>
  createConformanceFetchApp(await importKeys(options as unknown as FetchHandlerOptions), setup),
);
