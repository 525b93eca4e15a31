import type { AuditNotifyApi } from '../../shared/api.js';

declare global {
  interface Window {
    /** The preload API in the desktop app; absent in browser mode. */
    auditnotify?: AuditNotifyApi;
  }
}
