/**
 * Schemas of `app.info`: what the renderer needs to know about the process serving it.
 */
import { z } from 'zod';
import { emptyInputSchema } from './common-schemas.js';

/** `app.info` request. */
export const appInfoInputSchema = emptyInputSchema;

/** `app.info` answer. */
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
/** See {@link appInfoOutputSchema}. */
export type AppInfo = z.infer<typeof appInfoOutputSchema>;
