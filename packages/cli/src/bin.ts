#!/usr/bin/env node
/**
 * The `auditnotify` executable: runs the dispatcher on the process's arguments and sets the exit code
 * (never calls `process.exit`, so piped output is always flushed).
 */
import { createProcessIo } from './io.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
