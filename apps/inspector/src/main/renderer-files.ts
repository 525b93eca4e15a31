/**
 * Serving the built renderer (`dist/renderer`): path resolution that cannot leave the directory, and content
 * types. Files are served as built: the browser-mode token is never part of a page (only the URL fragment
 * carries it, which a browser never sends to a server).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * A file to answer with.
 *
 * @example
 * ```ts
 * const file: RendererFile | undefined = readRendererFile(rendererDir, '/');
 * res.setHeader('Content-Type', file?.contentType ?? 'text/plain');
 * ```
 */
export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads the file a URL path names inside `rootDir`; `/` is `index.html`. `undefined` when missing or outside.
 *
 * @example
 * ```ts
 * readRendererFile('/app/dist/renderer', '/assets/index.js')?.contentType; // 'text/javascript; charset=utf-8'
 * readRendererFile('/app/dist/renderer', '/../../etc/passwd'); // undefined
 * ```
 */
export function readRendererFile(rootDir: string, urlPath: string): RendererFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = resolve(rootDir);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const path = resolve(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const contentType = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { body: readFileSync(path), contentType };
}
