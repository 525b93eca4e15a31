/**
 * Reads a captured HTTP request (`--request FILE|-`) or a curl command (`--curl FILE|-`) with core's
 * decoders. A capture that does not parse keeps core's code (`DECODE_FAILED`, exit code 2).
 */
import { AuditNotifyError, isAuditNotifyError, parseCurlCommand, parseRawHttpRequest } from '@auditnotify/core';
import type { RawHttpRequest } from '@auditnotify/core';
import type { CliIo } from '../io.js';
import { readInput } from './read-input.js';

/**
 * Reads and parses the request named by `--request` (raw HTTP) or `--curl` (a curl command line).
 *
 * @example
 * ```ts
 * const request = await readRequest({ kind: 'curl', path: 'example.sh' }, io);
 * request.headers['content-type']; // 'application/json'
 * ```
 */
export async function readRequest(source: { kind: 'request' | 'curl'; path: string }, io: CliIo): Promise<RawHttpRequest> {
  const flag = `--${source.kind}`;
  const bytes = await readInput(source.path, io, flag);
  try {
    return source.kind === 'curl' ? parseCurlCommand(Buffer.from(bytes).toString('utf8')) : parseRawHttpRequest(bytes);
  } catch (error) {
    if (isAuditNotifyError(error)) {
      throw new AuditNotifyError(error.code === 'PARAM_ERROR' ? 'DECODE_FAILED' : error.code, `${flag} ${source.path}: ${error.message}`, {
        cause: error,
        detail: { ...(error.detail ?? {}), flag },
      });
    }
    throw new AuditNotifyError('DECODE_FAILED', `${flag} ${source.path}: not a readable ${source.kind === 'curl' ? 'curl command' : 'HTTP request'}`, {
      cause: error,
      detail: { flag },
    });
  }
}
