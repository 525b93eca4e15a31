#!/usr/bin/env node
// The installed `auditnotify` command. It is a committed file rather than dist/bin.js itself, so that npm can
// link it on the first `npm install` of a fresh clone (before anything is built), and so that a build restored
// from a cache without the executable bit cannot break it.
try {
  await import('../dist/bin.js');
} catch (error) {
  const missing = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js');
  if (!missing) throw error;
  process.stderr.write('auditnotify: the command is not built yet: run `npm run build` in the repository first.\n');
  process.exitCode = 2;
}
