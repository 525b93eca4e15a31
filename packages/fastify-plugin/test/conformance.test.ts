import { defineConformanceSuite } from '@auditnotify/conformance';
import { createFastifyPlugin } from '../src/index.js';
import { startFastifyApp } from './start-fastify-app.js';

defineConformanceSuite({ name: 'fastify', createMiddleware: createFastifyPlugin, createApp: startFastifyApp });
