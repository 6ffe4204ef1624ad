// KPI engine test support, apart from the package's root because it loads the engine and Jest's `expect`.
export * from './stored-event.js';
export * from './kpi-specification.js';
