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
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    const suggestion = unknown === undefined ? undefined : closestFlag(unknown, Object.keys(options));
    const base = message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.?$/, '.');
    throw usageError(`${base}${suggestion === undefined ? '' : ` Did you mean ${suggestion}?`}`, {
      issue: (error as { code?: unknown }).code,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  }
}

/**
 * Parses `args` like {@link parseFlags}, but also returns up to `maxPositionals` arguments that are not flags
 * (`auditnotify outbox status --store S R1`); more is a usage error.
 *
 * @example
 * ```ts
 * const { flags, positionals } = parseFlagsAndPositionals(['R1', '--json'], { json: { type: 'boolean' } } as const, 1);
 * positionals; // ['R1']
 * ```
 */
export function parseFlagsAndPositionals<const O extends OptionsConfig>(args: string[], options: O, maxPositionals: number): { flags: ParsedFlags<O>; positionals: string[] } {
  // Positionals are told apart by parseArgs itself (a flag's value is never one), then the flags parsed strictly.
  let tokens: { kind: string; index: number; value?: string | undefined }[];
  try {
    tokens = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true }).tokens;
  } catch {
    tokens = [];
  }
  const at = tokens.filter((token) => token.kind === 'positional').map((token) => token.index);
  const positionals = at.map((index) => args[index] as string);
  if (positionals.length > maxPositionals) {
    throw usageError(`unexpected argument ${JSON.stringify(positionals[maxPositionals])}`, { argument: positionals[maxPositionals] });
  }
  const rest = args.filter((_arg, index) => !at.includes(index));
  return { flags: parseFlags(rest, options), positionals };
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

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours: "feild" is one from "field"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The known flag closest to a mistyped one, if it is close enough to be what was meant (at most a third of
 * its letters off, and at least 1).
 *
 * @example
 * ```ts
 * closestFlag('--feild', ['field', 'body']); // '--field'
 * ```
 */
export function closestFlag(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0] ?? '';
  let best: { flag: string; cost: number } | undefined;
  for (const candidate of known) {
    const cost = distance(name.toLowerCase(), candidate.toLowerCase());
    if (cost <= Math.max(1, Math.floor(candidate.length / 3)) && (best === undefined || cost < best.cost)) best = { flag: `--${candidate}`, cost };
  }
  return best?.flag;
}
