// The store suite over core's memory stores: one "space" is one set of store objects, shared by every
// receiver opened on it (memory has no file or server to reopen).
import { randomUUID } from 'node:crypto';
import { createMemoryStores, type ReceiverStores } from '@auditnotify/core';
import { defineStoreSuite } from '../src/index.js';

const spaces = new Map<string, ReceiverStores>();

defineStoreSuite({
  name: 'memory',
  newSpace: () => randomUUID(),
  open(space, { clock, perMinute }) {
    let stores = spaces.get(space);
    if (stores === undefined) {
      stores = createMemoryStores({ clock, perMinute });
      spaces.set(space, stores);
    }
    return stores;
  },
});
