export * from './config-error.js';
export * from './config-variables.js';
export * from './customs-pulse-config.js';
export * from './load-config.js';
