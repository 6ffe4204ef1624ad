export * from './problem.exception.js';
export * from './problem-details.filter.js';
export * from './request-body.js';
export * from './health.controller.js';
export * from './readiness-check.js';
export * from './create-http-app.js';
