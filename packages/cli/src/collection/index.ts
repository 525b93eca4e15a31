/**
 * `@auditnotify/cli/collection`: the collection format of saved requests (docs/collections.md), its one
 * parser and writer, and the folder operations. `auditnotify run` and the inspector both use this entry.
 * It imports only `node:` modules, so a bundler can take it without the rest of the CLI.
 *
 * @example
 * ```ts
 * import { readCollection } from '@auditnotify/cli/collection';
 * const { entries } = readCollection('cases');
 * ```
 */
export { CollectionError, isCollectionError } from './collection-error.js';
export type { CollectionErrorCode, CollectionErrorDetail } from './collection-error.js';
export { COLLECTION_FILE, COLLECTION_FORMAT, MAX_RAW_BODY_BYTES, REQUEST_FILE_SUFFIX, REQUEST_FORMAT } from './format.js';
export type { CollectionManifest, SavedBody, SavedExpectations, SavedRequest } from './format.js';
export { parseCollectionManifest, parseSavedRequest } from './parse.js';
export { serializeCollectionManifest, serializeSavedRequest } from './serialize.js';
export { checkRequestFileName, ensureCollection, readCollection, removeRequest, requestFileName, saveRequest } from './folder.js';
export type { Collection, CollectionEntry } from './folder.js';
