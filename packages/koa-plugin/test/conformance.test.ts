import { defineConformanceSuite } from '@auditnotify/conformance';
import { createKoaMiddleware } from '../src/index.js';
import { startKoaApp } from './start-koa-app.js';

defineConformanceSuite({ name: 'koa', createMiddleware: createKoaMiddleware, createApp: startKoaApp });
