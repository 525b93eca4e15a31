/**
 * `collection.*`: the saved requests of a collection folder, read and written with the collection format's
 * one parser (`@auditnotify/cli/collection`), the same `auditnotify run` reads them with.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { readCollection, removeRequest, saveRequest, COLLECTION_FILE } from '@auditnotify/cli/collection';
import type { CollectionListOutput, SavedRequestView } from '../../shared/api.js';
import { fail } from './errors.js';

/**
 * The collection service.
 *
 * @example
 * ```ts
 * const collection: CollectionService = createCollectionService({ defaultDir: join(dataDir, 'collection') });
 * ```
 */
export interface CollectionService {
  list(dir?: string): CollectionListOutput;
  save(dir: string, request: SavedRequestView, file?: string): { dir: string; file: string };
  remove(dir: string, file: string): { removed: boolean };
}

function checkFolder(dir: string): string {
  if (!isAbsolute(dir)) fail('INVALID_INPUT', `"${dir.slice(0, 200)}" is not an absolute folder path: give the full path of the collection folder.`, { dir: dir.slice(0, 200) });
  return dir;
}

/**
 * Creates the collection service; `defaultDir` is the folder listed when none is named.
 *
 * @example
 * ```ts
 * const service = createCollectionService({ defaultDir: '/data/collection' });
 * service.save('/data/collection', request).file; // 'accepted-pass.request.json'
 * ```
 */
export function createCollectionService(options: { defaultDir: string }): CollectionService {
  return {
    list(dir) {
      const folder = checkFolder(dir ?? options.defaultDir);
      // A folder the user has not saved into yet is an empty collection, not an error.
      if (!existsSync(join(folder, COLLECTION_FILE))) return { dir: folder, name: '', exists: false, entries: [] };
      const collection = readCollection(folder);
      return { dir: folder, name: collection.manifest.name, exists: true, entries: collection.entries };
    },
    save(dir, request, file) {
      const folder = checkFolder(dir);
      return { dir: folder, file: saveRequest(folder, request, file) };
    },
    remove(dir, file) {
      return { removed: removeRequest(checkFolder(dir), file) };
    },
  };
}
