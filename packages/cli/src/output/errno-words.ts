/**
 * System error codes in words, for messages: `no such file or directory (ENOENT)` rather than a bare `ENOENT`.
 */

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available on this machine',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the other side',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'the other side closed the connection',
};

/**
 * The words for a system error code, with the code in brackets; the code alone when it has no words here.
 *
 * @example
 * ```ts
 * errnoWords('ENOENT'); // 'no such file or directory (ENOENT)'
 * errnoWords(undefined); // 'unknown error'
 * ```
 */
export function errnoWords(code: unknown): string {
  if (typeof code !== 'string' || code === '') return 'unknown error';
  const words = WORDS[code];
  return words === undefined ? code : `${words} (${code})`;
}
