/**
 * `auditnotify keygen --out DIR [--mchid ID] [--force] [--json]`: writes a test key set (sender key,
 * certificate and PKCS#12; receiver key pair; keys.json), atomically.
 */
import { resolve } from 'node:path';
import { generateTestKeySet } from '@auditnotify/core';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';
import { EXIT_CODES_HELP } from '../help-text.js';
import { KEY_SET_LAYOUT } from '../keys/key-set-layout.js';
import { writeKeySet } from '../keys/write-key-set.js';
import { gitWorkTreeOf, isIgnoredByGit } from '../keys/git-work-tree.js';
import { writeJson } from '../output/write-json.js';
import { parseFlags, requireFlag } from '../parse-flags.js';
import { usageError } from '../usage-error.js';

const OPTIONS = {
  out: { type: 'string' },
  mchid: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FILES: readonly { path: string; what: string }[] = [
  { path: KEY_SET_LAYOUT.senderKey, what: "sender's private key (PKCS#8 PEM, mode 600)" },
  { path: KEY_SET_LAYOUT.senderCert, what: "sender's certificate; its serial is serial_no" },
  { path: KEY_SET_LAYOUT.senderPkcs12, what: 'key and certificate as PKCS#12, password = mchid (mode 600)' },
  { path: KEY_SET_LAYOUT.receiverKey, what: "receiver's private key: signs answers (mode 600)" },
  { path: KEY_SET_LAYOUT.receiverPublicKey, what: "receiver's public key: the sender checks answers with it" },
  { path: KEY_SET_LAYOUT.manifest, what: 'mchid, serial_no, wechatpay_public_key_id' },
];

/**
 * The `keygen` command.
 *
 * @example
 * ```sh
 * auditnotify keygen --out ./keys --mchid 1900016681
 * ```
 */
export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Write a test key set (sender and receiver keys, certificate, PKCS#12, keys.json)',
  help: `Usage: auditnotify keygen --out DIR [--mchid ID] [--force] [--json]

Writes a fresh RSA-2048 test key set:
  DIR/sender/apiclient_key.pem    DIR/sender/apiclient_cert.pem    DIR/sender/apiclient_cert.p12
  DIR/receiver/wxp_key.pem        DIR/receiver/wxp_pub.pem         DIR/keys.json
Every other command reads this layout with --keys DIR. The files are staged beside DIR and moved into
place only when all are written; an existing key set is kept unless --force.

Flags:
  --out DIR     where to write the key set (required)
  --mchid ID    merchant id for keys.json and the PKCS#12 password (default: core's test mchid)
  --force       replace an existing key set in DIR
  --json        print {dir, mchid, serial_no, wechatpay_public_key_id, files} as JSON

Example:
  auditnotify keygen --out ./keys --mchid 1900016681

${EXIT_CODES_HELP}`,
  async run(args, io) {
    const flags = parseFlags(args, OPTIONS);
    const out = requireFlag(flags.out, '--out');
    if (flags.mchid !== undefined && !/^[0-9A-Za-z_-]{1,32}$/.test(flags.mchid)) {
      throw usageError('--mchid must be 1-32 letters, digits, "-" or "_"', { flag: '--mchid' });
    }
    const dir = resolve(io.cwd, out);
    const keys = generateTestKeySet(flags.mchid === undefined ? {} : { mchid: flags.mchid });
    await writeKeySet(dir, keys, { force: flags.force === true });
    warnIfCommittable(dir, io);
    const manifest = { mchid: keys.mchid, serial_no: keys.serialNo, wechatpay_public_key_id: keys.wechatpayPublicKeyId };
    if (flags.json === true) {
      writeJson(io.stdout, { dir, ...manifest, files: FILES.map((file) => file.path) });
      return 0;
    }
    const lines = [
      `Wrote a test key set to ${dir}`,
      `  mchid                    ${manifest.mchid}`,
      `  serial_no                ${manifest.serial_no}`,
      `  wechatpay_public_key_id  ${manifest.wechatpay_public_key_id}`,
      '',
      ...FILES.map((file) => `  ${file.path.padEnd(27)}${file.what}`),
      '',
      `Next: auditnotify listen --keys ${out}   (and in another terminal: auditnotify send --keys ${out} …)`,
      '',
    ];
    io.stdout.write(lines.join('\n'));
    return 0;
  },
};

/** Private keys inside a git work tree: say so on stderr, and whether git would pick them up. */
function warnIfCommittable(dir: string, io: CliIo): void {
  const root = gitWorkTreeOf(dir);
  if (root === undefined) return;
  const ignored = isIgnoredByGit(root, dir);
  if (ignored === true) {
    io.stderr.write(`warning: ${dir} holds private keys inside the git work tree ${root}; git ignores it, keep it that way.\n`);
  } else {
    const state = ignored === false ? 'and git does NOT ignore it' : 'and git could not say whether it is ignored';
    io.stderr.write(`warning: ${dir} holds private keys inside the git work tree ${root}, ${state}: add it to .gitignore before committing.\n`);
  }
}
