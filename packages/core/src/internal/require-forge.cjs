// CommonJS on purpose: a `require` call is the one way to load node-forge on first use that works unchanged
// in Node's ES module loader (which imports this file as CommonJS, resolving from core's own folder) and in
// every bundler, which sees the literal require('node-forge') and carries node-forge inside the bundle. A
// `createRequire(import.meta.url)` needs a module URL that a CommonJS bundle does not have.
'use strict';

/**
 * Loads node-forge.
 *
 * @returns {typeof import('node-forge')}
 */
function requireForge() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the literal require is the point of this file
  return require('node-forge');
}

module.exports = requireForge;
