/**
 * Schemas of `app.info`: what the renderer needs to know about the process serving it.
 */
import { z } from 'zod';
import { emptyInputSchema } from './common-schemas.js';

/**
 * `app.info` request.
 *
 * @example
 * ```ts
 * appInfoInputSchema.parse({}); // {}
 * ```
 */
export const appInfoInputSchema = emptyInputSchema;

/**
 * `app.info` answer.
 *
 * @example
 * ```ts
 * const info = appInfoOutputSchema.parse(result.data);
 * info.mode; // 'browser'
 * ```
 */
export const appInfoOutputSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `electron`: desktop window with the preload API; `browser`: served on 127.0.0.1 with the bridge server. */
  mode: z.enum(['electron', 'browser', 'test']),
  locale: z.string(),
  platform: z.string(),
  notifyPath: z.string(),
  primaryHost: z.string(),
  backupHost: z.string(),
  /** Directory where keys and history are kept. */
  dataDir: z.string(),
});
/**
 * See {@link appInfoOutputSchema}.
 *
 * @example
 * ```ts
 * const info: AppInfo = unwrap(await api.app.info());
 * if (info.mode === 'browser') showBrowserModeHint();
 * ```
 */
export type AppInfo = z.infer<typeof appInfoOutputSchema>;
