/**
 * The shared front of `decode` and `verify`: both take one captured request (`--request FILE|-` or
 * `--curl FILE|-`), the receiver flags, `--now UNIX` and `--json`.
 */
import type { Clock, RawHttpRequest } from '@auditnotify/core';
import type { CliIo } from '../io.js';
import { parseNow } from '../options/parse-now.js';
import { RECEIVER_OPTIONS } from '../options/receiver-options.js';
import { parseFlags, type ParsedFlags } from '../parse-flags.js';
import { usageError } from '../usage-error.js';
import { readRequest } from './read-request.js';

const OPTIONS = {
  ...RECEIVER_OPTIONS,
  request: { type: 'string' },
  curl: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Parses the flags of a command that judges a captured request, then its `--now` clock, then reads and decodes
 * the request (usage errors first, exit code 2; an unreadable capture keeps `DECODE_FAILED`).
 *
 * @example
 * ```ts
 * const { flags, clock, request } = await readCapturedRequest(['--curl', 'example.sh', '--now', '1757900000'], io);
 * request.url; // '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify'
 * ```
 */
export async function readCapturedRequest(
  args: string[],
  io: CliIo,
): Promise<{ flags: ParsedFlags<typeof OPTIONS>; clock: Clock; request: RawHttpRequest }> {
  const flags = parseFlags(args, OPTIONS);
  if ((flags.request === undefined) === (flags.curl === undefined)) {
    throw usageError('give exactly one of --request FILE|- or --curl FILE|-', { flag: '--request' });
  }
  const clock = parseNow(flags.now);
  const request = await readRequest(
    flags.curl === undefined ? { kind: 'request', path: flags.request ?? '-' } : { kind: 'curl', path: flags.curl },
    io,
  );
  return { flags, clock, request };
}
