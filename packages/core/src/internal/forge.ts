// The only module of core that imports node-forge (docs/architecture.md, dependency rules): the pure-JS engine,
// PKCS#12 and certificate parsing all reach it through here.
//
// Loaded on first use, not at import: node-forge adds about 11 MiB to a process's memory, and a receiver
// that loads its keys as PEM never needs it (docs/benchmarks-http.md, peak RSS). The loading itself is a
// CommonJS require in require-forge.cjs, so that bundles (the inspector's CommonJS main process) work too.
import type NodeForge from 'node-forge';
import requireForge from './require-forge.cjs';

/** node-forge's types, for signatures that name its classes (`ForgeTypes.pki.rsa.PrivateKey`). */
export type * as ForgeTypes from 'node-forge';

let loaded: typeof NodeForge | undefined;

function load(): typeof NodeForge {
  loaded ??= requireForge();
  return loaded;
}

const forge = new Proxy({} as typeof NodeForge, {
  get: (_target, property) => Reflect.get(load(), property),
});

export default forge;
