import { defineConformanceSuite, defineInteropSuite } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';
import { startHonoApp } from './hono-app.js';

// The fetch handler mounted on a Hono route (c.req.raw), on Node through @hono/node-server.
const target = { name: 'fetch mounted in Hono', createMiddleware: createFetchHandler, createApp: startHonoApp };
defineConformanceSuite(target);
defineInteropSuite(target);
