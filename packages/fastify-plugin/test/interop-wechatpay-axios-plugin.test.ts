import { defineInteropSuite } from '@auditnotify/conformance';
import { startFastifyApp } from './start-fastify-app.js';

defineInteropSuite({ name: 'fastify', createApp: startFastifyApp });
