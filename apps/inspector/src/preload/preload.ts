/**
 * The preload of the desktop inspector, bundled to ONE CommonJS file (`dist/preload/preload.cjs`): a sandboxed
 * preload can require only `electron`. It exposes `window.auditnotify`, one named function per API method
 * over its own IPC channel; never a generic `invoke(channel)` (docs/architecture.md, Electron rules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../shared/api.js';
import { createApiObject } from '../shared/create-api-object.js';
import { channelOf } from '../shared/methods.js';

contextBridge.exposeInMainWorld(
  'auditnotify',
  createApiObject((method, input) => ipcRenderer.invoke(channelOf(method), input) as Promise<ApiResult<unknown>>),
);
