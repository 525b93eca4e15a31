import { defineInteropSuite } from '@auditnotify/conformance';
import { startKoaApp } from './start-koa-app.js';

defineInteropSuite({ name: 'koa', createApp: startKoaApp });
