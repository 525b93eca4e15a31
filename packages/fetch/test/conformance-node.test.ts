import { defineConformanceSuite, defineInteropSuite } from '@auditnotify/conformance';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { serveOnLoopback } from '@auditnotify/conformance';
import { createFetchHandler } from '../src/index.js';
import { createConformanceFetchApp } from './runtimes/conformance-app.js';

// The fetch handler on Node, through @hono/node-server's node:http bridge.
const target = {
  name: 'fetch on Node (@hono/node-server)',
  createMiddleware: createFetchHandler,
  createApp: (options: Parameters<typeof createFetchHandler>[0], setup?: { bodyParserFirst?: 'json' | 'raw' }) =>
    serveOnLoopback(serve({ fetch: createConformanceFetchApp(options, setup), hostname: '127.0.0.1', port: 0 }) as Server),
};
defineConformanceSuite(target);
defineInteropSuite(target);
