/**
 * A collection folder on disk: read it whole (what `auditnotify run` and the inspector's list do), create it,
 * save one request to its own file, remove one. Writes go to a temporary file renamed over the target, so a
 * crash never leaves half a request behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CollectionError } from './collection-error.js';
import { COLLECTION_FILE, REQUEST_FILE_SUFFIX, type CollectionManifest, type SavedRequest } from './format.js';
import { parseCollectionManifest, parseSavedRequest } from './parse.js';
import { serializeCollectionManifest, serializeSavedRequest } from './serialize.js';

/**
 * One saved request and the file it lives in (a name relative to the folder).
 *
 * @example
 * ```ts
 * const entry: CollectionEntry = { file: 'accepted.request.json', request };
 * ```
 */
export interface CollectionEntry {
  file: string;
  request: SavedRequest;
}

/**
 * A collection read from its folder; `entries` are in file-name order, the order `auditnotify run` sends them.
 *
 * @example
 * ```ts
 * const { manifest, entries }: Collection = readCollection('cases');
 * ```
 */
export interface Collection {
  dir: string;
  manifest: CollectionManifest;
  entries: CollectionEntry[];
}

const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,79}\.request\.json$/;

function unreadable(dir: string, file: string, what: string, error: unknown): CollectionError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return new CollectionError('COLLECTION_UNREADABLE', `${join(dir, file)}: ${what} (${reason})`, { file, dir }, error);
}

function readText(dir: string, file: string, hint: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    throw unreadable(dir, file, hint, error);
  }
}

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The file name a request's name gives: lower-case letters, digits and dashes, then `.request.json`.
 *
 * @example
 * ```ts
 * requestFileName('Wrong key → 401'); // 'wrong-key-401.request.json'
 * ```
 */
export function requestFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug === '' ? 'request' : slug}${REQUEST_FILE_SUFFIX}`;
}

/**
 * Checks that `file` is a request file name of a collection (no folder part), so a caller can never reach
 * a file outside the folder.
 *
 * @example
 * ```ts
 * checkRequestFileName('accepted.request.json', 'cases'); // ok
 * checkRequestFileName('../keys.json', 'cases'); // throws COLLECTION_INVALID
 * ```
 */
export function checkRequestFileName(file: string, dir: string): void {
  if (!FILE_NAME.test(file)) {
    throw new CollectionError('COLLECTION_INVALID', `"${file.slice(0, 100)}" is not a request file name (lower-case letters, digits and dashes, ending ${REQUEST_FILE_SUFFIX})`, { file: file.slice(0, 100), dir });
  }
}

/**
 * Reads a collection folder: `collection.json`, then every `*.request.json` in file-name order. Other
 * files (a README, .gitkeep) are left alone.
 *
 * Throws {@link CollectionError}: `COLLECTION_UNREADABLE` when the folder or a file cannot be read,
 * `COLLECTION_INVALID` naming the first bad file and field.
 *
 * @example
 * ```ts
 * for (const { file, request } of readCollection('cases').entries) console.log(file, request.expect.status);
 * ```
 */
export function readCollection(dir: string): Collection {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    names = readdirSync(dir);
  } catch (error) {
    throw unreadable(dir, '.', 'cannot read the collection folder', error);
  }
  const manifest = parseCollectionManifest(readText(dir, COLLECTION_FILE, `a collection folder holds a ${COLLECTION_FILE}: save a request from the inspector, or write one (docs/collections.md)`), COLLECTION_FILE);
  const entries = names
    .filter((name) => name.endsWith(REQUEST_FILE_SUFFIX))
    .sort()
    .map((file) => ({ file, request: parseSavedRequest(readText(dir, file, 'cannot read the request file'), file) }));
  return { dir, manifest, entries };
}

/**
 * Creates `dir` and its `collection.json` when they do not exist yet; an existing manifest is kept (and
 * must parse).
 *
 * @example
 * ```ts
 * ensureCollection('cases', 'Merchant 1900016681');
 * ```
 */
export function ensureCollection(dir: string, name: string): CollectionManifest {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw unreadable(dir, '.', 'cannot create the collection folder', error);
  }
  let existing: string | undefined;
  try {
    existing = readFileSync(join(dir, COLLECTION_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(dir, COLLECTION_FILE, 'cannot read', error);
  }
  if (existing !== undefined) return parseCollectionManifest(existing, COLLECTION_FILE);
  const text = serializeCollectionManifest({ name });
  try {
    writeAtomic(join(dir, COLLECTION_FILE), text);
  } catch (error) {
    throw unreadable(dir, COLLECTION_FILE, 'cannot write', error);
  }
  return parseCollectionManifest(text, COLLECTION_FILE);
}

/**
 * Saves `request` into the collection (created when missing). With `file` it replaces that file; without,
 * it writes `requestFileName(request.name)`, numbered (`-2`, `-3`…) when another request has that name.
 * Returns the file name. A new collection is named after its folder. The request is checked by parsing what is written, so a bad request never lands.
 *
 * @example
 * ```ts
 * const file = saveRequest('cases', request); // 'accepted-pass.request.json'
 * ```
 */
export function saveRequest(dir: string, request: SavedRequest, file?: string): string {
  const text = serializeSavedRequest(request);
  let target = file;
  if (target === undefined) {
    const base = requestFileName(request.name).slice(0, -REQUEST_FILE_SUFFIX.length);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // A new folder: ensureCollection below creates it.
    }
    target = `${base}${REQUEST_FILE_SUFFIX}`;
    for (let n = 2; names.includes(target); n += 1) target = `${base}-${n}${REQUEST_FILE_SUFFIX}`;
  }
  checkRequestFileName(target, dir);
  parseSavedRequest(text, target);
  // A new collection is named after its folder; the name is the team's to change in collection.json.
  ensureCollection(dir, basename(dir) || 'collection');
  try {
    writeAtomic(join(dir, target), text);
  } catch (error) {
    throw unreadable(dir, target, 'cannot write', error);
  }
  return target;
}

/**
 * Removes one request file; `false` when it was not there.
 *
 * @example
 * ```ts
 * removeRequest('cases', 'accepted.request.json'); // true
 * ```
 */
export function removeRequest(dir: string, file: string): boolean {
  checkRequestFileName(file, dir);
  try {
    rmSync(join(dir, file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw unreadable(dir, file, 'cannot remove', error);
  }
}
