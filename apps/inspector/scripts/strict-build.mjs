// Builds that fail on a warning. A bundler warning is how the inspector once shipped a main process that could
// not start (esbuild: "import.meta" is empty in CommonJS output); a warning printed on a green build is
// easily missed, so every warning of esbuild or Vite stops the build here.
import { build as esbuild, formatMessages } from 'esbuild';

/** Thrown when a build printed warnings; `warnings` holds their text. */
export class BuildWarningsError extends Error {
  /** @param {string} what @param {string[]} warnings */
  constructor(what, warnings) {
    super(`${what}: ${warnings.length} build warning(s), treated as errors:\n${warnings.join('\n')}`);
    this.name = 'BuildWarningsError';
    this.warnings = warnings;
  }
}

/**
 * esbuild's `build`, rejecting with {@link BuildWarningsError} when it warns.
 *
 * @param {import('esbuild').BuildOptions} options
 */
export async function esbuildStrict(options) {
  const result = await esbuild({ ...options, logLevel: 'error' });
  if (result.warnings.length > 0) {
    const text = await formatMessages(result.warnings, { kind: 'warning', color: false });
    throw new BuildWarningsError(String(options.outfile ?? options.outdir ?? 'esbuild'), text);
  }
  return result;
}

/**
 * Vite's `build` with the given config file, rejecting with {@link BuildWarningsError} when it warns.
 *
 * @param {string} configFile
 */
export async function viteStrict(configFile) {
  const { build, createLogger } = await import('vite');
  const logger = createLogger('warn');
  /** @type {string[]} */
  const warnings = [];
  const record = (/** @type {string} */ message) => void warnings.push(message);
  logger.warn = record;
  logger.warnOnce = record;
  await build({ configFile, logLevel: 'warn', customLogger: logger });
  if (warnings.length > 0) throw new BuildWarningsError('vite', warnings);
}
