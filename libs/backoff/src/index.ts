export * from './backoff-schedule.js';
export * from './abortable-delay.js';
export * from './retrying.js';
