/**
 * Serving the built renderer (`dist/renderer`): path resolution that cannot leave the directory, content
 * types, and `index.html` with the browser-mode token injected as a `<meta>` tag.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { BRIDGE_TOKEN_META } from '../shared/methods.js';

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
export function readRendererFile(rootDir: string, urlPath: string, token?: string): RendererFile | undefined {
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
  const body = readFileSync(path);
  if (token !== undefined && extname(path) === '.html') return { body: Buffer.from(injectToken(body.toString('utf8'), token)), contentType };
  return { body, contentType };
}

/**
 * Puts the bridge token into an HTML page as `<meta name="auditnotify-bridge-token">` (read by the shared
 * `readBridgeToken`): no inline script, so the strict CSP holds.
 *
 * @example
 * ```ts
 * injectToken('<head></head>', 'abc'); // '<head><meta name="auditnotify-bridge-token" content="abc"></head>'
 * ```
 */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${BRIDGE_TOKEN_META}" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${meta}`) : `${meta}${html}`;
}
