/**
 * Help text shared by several commands: the sender flags, the receiver flags and the exit codes.
 */

/**
 * `--help` lines for the sender flags.
 *
 * @example
 * ```ts
 * const help = `Usage: auditnotify sign [sender flags]\n\n${SENDER_FLAGS_HELP}`;
 * ```
 */
export const SENDER_FLAGS_HELP = `Sender flags:
  --keys DIR                    a key set written by "auditnotify keygen" (fills every flag below)
  --mchid ID                    merchant id of the sender (mchid in the Authorization header)
  --key FILE                    sender's private key: PEM (PKCS#8 or PKCS#1) or PKCS#12 (.p12)
  --key-password PASSWORD       PKCS#12 password (default: the mchid)
  --serial HEX                  serial_no of the sender's certificate (optional with --cert or a .p12)
  --cert FILE                   sender's certificate (apiclient_cert.pem), to take the serial from
  --wechatpay-public-key FILE   public key that checks the answer's signature (wxp_pub.pem)
  --wechatpay-public-key-id ID  its id (PUB_KEY_ID_…), sent as Wechatpay-Serial
`;

/**
 * `--help` lines for the receiver flags.
 *
 * @example
 * ```ts
 * const help = `Usage: auditnotify listen [receiver flags]\n\n${RECEIVER_FLAGS_HELP}`;
 * ```
 */
export const RECEIVER_FLAGS_HELP = `Receiver flags:
  --keys DIR                    a key set written by "auditnotify keygen" (fills every flag below)
  --sender-cert FILE            a sender's certificate; its serial is the serial_no it signs with
                                (repeatable: one per accepted sender)
  --sender-public-key FILE      a sender's public key instead of a certificate, with:
  --sender-serial HEX           the serial_no that public key signs with
  --answer-key FILE             private key that signs the answers (wxp_key.pem)
  --answer-key-id ID            its id (PUB_KEY_ID_…), sent as Wechatpay-Serial
`;

/**
 * `--help` lines for the exit codes.
 *
 * @example
 * ```ts
 * const help = `Usage: auditnotify verify …\n\n${EXIT_CODES_HELP}`;
 * ```
 */
export const EXIT_CODES_HELP = `Exit codes: 0 success, 1 the check or the remote call failed, 2 bad usage or unreadable input.
`;
