import { defineConformanceSuite } from '@auditnotify/conformance';
import { createExpressMiddleware } from '../src/index.js';
import { startExpressApp } from './start-express-app.js';

defineConformanceSuite({ name: 'express', createMiddleware: createExpressMiddleware, createApp: startExpressApp });
