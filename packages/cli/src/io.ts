/**
 * The command line's view of the outside world: output streams, stdin, the working directory and stop
 * signals. Commands receive a {@link CliIo} instead of touching `process`, so each one can be run in-process
 * as well as from the binary.
 */

/**
 * Somewhere text goes (stdout or stderr).
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const sink: TextSink = { write: (text) => void lines.push(text) };
 * ```
 */
export interface TextSink {
  write(text: string): void;
}

/**
 * What a command may use of its process.
 *
 * @example
 * ```ts
 * const io: CliIo = { ...createProcessIo(), cwd: '/tmp' };
 * await runCli(['keygen', '--out', 'keys'], io);
 * ```
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Reads all of stdin as bytes (used for `-` as a file name). */
  readStdin(): Promise<Uint8Array>;
  /** Directory that relative paths are resolved against. */
  readonly cwd: string;
  /** Calls `handler` once on Ctrl-C or SIGTERM; returns a function that removes the handler. */
  onStop(handler: () => void): () => void;
  /** Whether stdout is a terminal (a progress bar then replaces line-by-line output). Absent means no. */
  readonly stdoutIsTerminal?: boolean;
}

/**
 * The {@link CliIo} of the running process.
 *
 * @example
 * ```ts
 * const code = await runCli(process.argv.slice(2), createProcessIo());
 * ```
 */
export function createProcessIo(): CliIo {
  // `auditnotify decode … | head` closes the pipe early: that is the reader's choice, not a failure to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    cwd: process.cwd(),
    stdoutIsTerminal: process.stdout.isTTY === true,
    onStop: (handler) => {
      const once = (): void => {
        process.off('SIGINT', once);
        process.off('SIGTERM', once);
        handler();
      };
      process.on('SIGINT', once);
      process.on('SIGTERM', once);
      return () => {
        process.off('SIGINT', once);
        process.off('SIGTERM', once);
      };
    },
  };
}
