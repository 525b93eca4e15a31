/**
 * `auditnotify outbox add|run|status|retry`: the sender outbox of `@auditnotify/outbox` from a shell. Every
 * notification is stored before it is sent, then delivered at least once under one rate limit, across
 * restarts and several `outbox run` processes on one Redis.
 */
import type { Command } from '../command.js';
import { SENDER_FLAGS_HELP } from '../help-text.js';
import { outboxAdd } from '../outbox/outbox-add.js';
import { outboxRun } from '../outbox/outbox-run.js';
import { outboxRetry, outboxStatus } from '../outbox/outbox-status.js';
import { usageError } from '../usage-error.js';

const SUBCOMMANDS: Record<string, (args: string[], io: Parameters<Command['run']>[1]) => Promise<number>> = {
  add: outboxAdd,
  run: outboxRun,
  status: outboxStatus,
  retry: outboxRetry,
};

/**
 * The `outbox` command.
 *
 * @example
 * ```sh
 * auditnotify outbox add --store sqlite:outbox.db --field out_request_no=R1 --field mchid=1900016681 --field audit_result=PASS
 * auditnotify outbox run --store sqlite:outbox.db --keys ./keys --until-empty
 * ```
 */
export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'Queue notifications durably and deliver each at least once under one rate limit',
  help: `Usage: auditnotify outbox add --store STORE (--field name=value ... | --body FILE|- | --ndjson FILE|-) [--replace]
       auditnotify outbox run --store STORE [sender flags] [--url URL] [--rate N/min] [--until-empty]
       auditnotify outbox status --store STORE [--json] [--mchid ID] [OUT_REQUEST_NO]
       auditnotify outbox retry --store STORE [--mchid ID] OUT_REQUEST_NO

The outbox stores every notification before it is sent and delivers it through the client (signature,
failover to the backup host, answer verified), retrying with backoff and Retry-After, under one rate
limit shared by every "outbox run" on the store. A worker that dies loses its lease; another delivers
its entries. 400 PARAM_ERROR, 401 and 403 answers, and entries past their attempts, are dead-lettered.

STORE is sqlite:PATH (one sender process) or redis://HOST:PORT[/DB] (several: BullMQ's global limiter).

add     validates every notification first (one invalid: none queued), then queues them and prints
        one line per entry: its id, out_request_no and queued, exists or replaced. The same
        out_request_no with other fields is OUTBOX_CONFLICT unless --replace.
          --field name=value    one field (repeatable)
          --body FILE|-         one notification as JSON
          --ndjson FILE|-       one notification as JSON a line
          --replace             send the new fields of an out_request_no already queued
run     delivers until stopped (Ctrl-C), or with --until-empty until nothing is queued or being
        delivered. One JSON line per settled attempt ({"event":"delivered"|"retry"|"dead",...}) and a
        closing {"event":"summary",...}; on a terminal a progress bar with counts and ETA instead.
          --url URL             deliver to this notify URL only (default: the WeChat Pay hosts)
          --rate N/min          the global limit, also N/s (default 200/min, the endpoint's)
          --until-empty         stop once everything queued has settled
          --concurrency N       deliveries in flight in this process (default 4)
          --lease-ms N          how long a delivery may take before another worker takes it over
                                (default 60000)
          --max-attempts N      attempts before an entry is dead-lettered (default 12)
status  counts by state, or one entry with its attempts (--json for JSON)
retry   puts a dead letter back in the queue with a fresh attempt budget

${SENDER_FLAGS_HELP}
Examples:
  auditnotify outbox add --store sqlite:outbox.db --ndjson results.ndjson
  auditnotify outbox run --store sqlite:outbox.db --keys ./keys --until-empty \\
    --url http://127.0.0.1:8080/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify
  auditnotify outbox status --store redis://127.0.0.1:6379/0 htozr8denqegbt6tk6u10iymo7yww5pn

Exit codes: 0 success (run: nothing dead-lettered in the store), 1 run: something is dead-lettered, or
a refusal (OUTBOX_CONFLICT, OUTBOX_NOT_FOUND, VALIDATION_FAILED), 2 bad usage, unreadable input or a store
that cannot be opened or reached.
`,
  async run(args, io) {
    const [name, ...rest] = args;
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (subcommand === undefined) {
      const what = name === undefined ? 'missing subcommand' : `unknown subcommand ${JSON.stringify(name)}`;
      throw usageError(`${what}: give add, run, status or retry after "outbox"`, { flag: 'SUBCOMMAND' });
    }
    return subcommand(rest, io);
  },
};
