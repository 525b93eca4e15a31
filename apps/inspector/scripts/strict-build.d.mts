import type { BuildOptions, BuildResult } from 'esbuild';

/** Thrown when a build printed warnings. */
export declare class BuildWarningsError extends Error {
  readonly warnings: string[];
  constructor(what: string, warnings: string[]);
}
/** esbuild's `build`, rejecting with {@link BuildWarningsError} when it warns. */
export declare function esbuildStrict(options: BuildOptions): Promise<BuildResult>;
/** Vite's `build` with the given config file, rejecting with {@link BuildWarningsError} when it warns. */
export declare function viteStrict(configFile: string): Promise<void>;
