// What every runtime's server entry serves: the scenario server of the remote conformance run, building the
// conformance app of each test. No node: import.
import { createScenarioServer } from '@auditnotify/conformance/remote';
import type { FetchHandlerOptions } from '@auditnotify/fetch';
import { createConformanceFetchApp } from './conformance-app.js';

export const serveScenario = createScenarioServer((options, setup) => createConformanceFetchApp(options as unknown as FetchHandlerOptions, setup));
