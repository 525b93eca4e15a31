/**
 * `auditnotify decrypt`: verifies a standard APIv3 callback (protocol.md §6: the `Wechatpay-*` signature over
 * its raw body) and decrypts its `resource` with the APIv3 key, through core's `openCallback`.
 */
import { decryptResource, loadPublicKey, openCallback, parseCallbackEnvelope } from '@auditnotify/core';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { EXIT_CODES_HELP } from '../help-text.js';
import { readInput } from '../input/read-input.js';
import { readRequest } from '../input/read-request.js';
import { readKeySet } from '../keys/read-key-set.js';
import { loadKeyFile } from '../options/load-key-file.js';
import { parseNow } from '../options/parse-now.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags, requireFlag } from '../parse-flags.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  request: { type: 'string' },
  curl: { type: 'string' },
  body: { type: 'string' },
  'apiv3-key': { type: 'string' },
  keys: { type: 'string' },
  'wechatpay-public-key': { type: 'string' },
  'wechatpay-public-key-id': { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * The `decrypt` command.
 *
 * @example
 * ```sh
 * auditnotify decrypt --request callback.http --apiv3-key apiv3.key --keys ./keys
 * ```
 */
export const decryptCommand: Command = {
  name: 'decrypt',
  summary: 'Verify an APIv3 callback and decrypt its resource with the APIv3 key',
  help: `Usage: auditnotify decrypt (--request FILE|- | --curl FILE|-) --apiv3-key FILE [key flags] [--now UNIX]
       auditnotify decrypt --body FILE|- --apiv3-key FILE

Other WeChat Pay callbacks (not the audit-result notification, which is plain JSON) carry an encrypted
"resource" (AEAD_AES_256_GCM). This checks the callback's Wechatpay-* signature over its raw body, then
decrypts the resource with the 32-byte APIv3 key (the GCM tag is always checked) and prints JSON:
{verified: {keyId} | false, id, event_type, resource_type, original_type, plaintext, json?}.
With --body only the body is given: it is decrypted, and "verified" is false (nothing was checked).

Flags:
  --request FILE|-              the callback as a raw HTTP request (headers included)
  --curl FILE|-                 the callback as a curl command
  --body FILE|-                 the callback body alone: decrypt without checking the signature
  --apiv3-key FILE              a file holding the 32-character APIv3 key (a final newline is ignored)
  --keys DIR                    a key set written by "auditnotify keygen" (its receiver/wxp_pub.pem and id)
  --wechatpay-public-key FILE   the public key that checks the callback's signature (wxp_pub.pem)
  --wechatpay-public-key-id ID  its id (PUB_KEY_ID_…): the callback's Wechatpay-Serial
  --now UNIX                    judge Wechatpay-Timestamp as if it were this Unix time (default: now)
  --json                        accepted for symmetry: the result is always JSON

Example:
  auditnotify decrypt --request callback.http --apiv3-key apiv3.key --keys ./keys

The exit code is 1 when the signature or the decryption fails (a wrong APIv3 key, a changed ciphertext).

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const sources = (['request', 'curl', 'body'] as const).filter((name) => flags[name] !== undefined);
    if (sources.length !== 1) throw usageError('give exactly one of --request FILE|-, --curl FILE|- or --body FILE|-', { flag: '--request' });
    const keyText = Buffer.from(await readInput(requireFlag(flags['apiv3-key'], '--apiv3-key'), io, '--apiv3-key')).toString('utf8').replace(/\r?\n$/, '');
    if (Buffer.byteLength(keyText) !== 32) {
      throw usageError(`--apiv3-key: the file must hold the 32-character APIv3 key, it holds ${Buffer.byteLength(keyText)} bytes`, { flag: '--apiv3-key' });
    }

    if (flags.body !== undefined) {
      const body = await readInput(flags.body, io, '--body');
      const envelope = parseCallbackEnvelope(body);
      writeJson(io.stdout, { verified: false, ...describe(envelope, decryptResource(envelope.resource, keyText)) });
      io.stderr.write('note: --body: the signature was not checked; give the whole request (--request) to check it.\n');
      return EXIT.OK;
    }

    const clock = parseNow(flags.now);
    const set = flags.keys === undefined ? undefined : await readKeySet(flags.keys, io);
    const keyPath = flags['wechatpay-public-key'] ?? set?.receiverPublicKey;
    const keyId = flags['wechatpay-public-key-id'] ?? set?.manifest.wechatpay_public_key_id;
    if (keyPath === undefined) throw usageError('missing --wechatpay-public-key FILE (or --keys DIR)', { flag: '--wechatpay-public-key' });
    if (keyId === undefined) throw usageError('missing --wechatpay-public-key-id ID (or --keys DIR)', { flag: '--wechatpay-public-key-id' });
    const publicKey = await loadKeyFile('--wechatpay-public-key', keyPath, io, (bytes) => loadPublicKey(bytes));
    const request = await readRequest(flags.curl === undefined ? { kind: 'request', path: flags.request ?? '-' } : { kind: 'curl', path: flags.curl }, io);
    const opened = await openCallback({ headers: request.headers, body: request.body, apiV3Key: keyText, publicKeys: new Map([[keyId, publicKey]]), clock });
    writeJson(io.stdout, { verified: { keyId: opened.keyId }, ...describe(opened.envelope, opened.resource) });
    return EXIT.OK;
  },
};

function describe(envelope: ReturnType<typeof parseCallbackEnvelope>, resource: ReturnType<typeof decryptResource>): Record<string, unknown> {
  return {
    id: envelope.id,
    event_type: envelope.event_type,
    resource_type: envelope.resource_type,
    ...(envelope.resource.original_type === undefined ? {} : { original_type: envelope.resource.original_type }),
    plaintext: resource.plaintext,
    ...(resource.json === undefined ? {} : { json: resource.json }),
  };
}
