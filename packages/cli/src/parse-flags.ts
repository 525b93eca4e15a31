/**
 * Flag parsing for every command: `node:util` `parseArgs` in strict mode, with its errors turned into
 * `USAGE_ERROR` (exit code 2).
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { usageError } from './usage-error.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * The parsed flags of an options table, typed from the table.
 *
 * @example
 * ```ts
 * const flags: ParsedFlags<{ out: { type: 'string' } }> = { out: 'keys' };
 * ```
 */
export type ParsedFlags<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

/**
 * Parses `args` against `options` (strict: unknown flags and positionals are usage errors).
 *
 * @example
 * ```ts
 * const flags = parseFlags(['--out', 'keys'], { out: { type: 'string' } } as const);
 * flags.out; // 'keys'
 * ```
 */
export function parseFlags<const O extends OptionsConfig>(args: string[], options: O): ParsedFlags<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs' messages name the flag ("Unknown option '--x'"), never a value worth hiding.
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(message.replace(/\. To specify a positional argument.*$/s, '.'), {
      issue: (error as { code?: unknown }).code,
    });
  }
}

/**
 * The value of a string flag that must be present.
 *
 * @example
 * ```ts
 * const out = requireFlag(flags.out, '--out');
 * ```
 */
export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usageError(`missing ${flag}`, { flag });
  return value;
}
