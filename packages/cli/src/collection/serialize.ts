/**
 * Writes the collection format: sorted keys at every level, two-space indents, one final newline, so the
 * same request always gives the same bytes and a change is a small diff (docs/collections.md).
 */
import { COLLECTION_FORMAT, REQUEST_FORMAT, type CollectionManifest, type SavedRequest } from './format.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    if (object[key] !== undefined) sorted[key] = sortKeys(object[key]);
  }
  return sorted;
}

/**
 * The text of a `*.request.json` file.
 *
 * @example
 * ```ts
 * writeFileSync('accepted.request.json', serializeSavedRequest(request));
 * ```
 */
export function serializeSavedRequest(request: SavedRequest): string {
  return `${JSON.stringify(sortKeys({ format: REQUEST_FORMAT, ...request }), null, 2)}\n`;
}

/**
 * The text of `collection.json`.
 *
 * @example
 * ```ts
 * serializeCollectionManifest({ format: 'auditnotify-collection/1', name: 'Local' });
 * ```
 */
export function serializeCollectionManifest(manifest: Omit<CollectionManifest, 'format'>): string {
  return `${JSON.stringify(sortKeys({ ...manifest, format: COLLECTION_FORMAT }), null, 2)}\n`;
}
