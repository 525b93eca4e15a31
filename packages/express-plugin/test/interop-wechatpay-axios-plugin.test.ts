import { defineInteropSuite } from '@auditnotify/conformance';
import { startExpressApp } from './start-express-app.js';

defineInteropSuite({ name: 'express', createApp: startExpressApp });
