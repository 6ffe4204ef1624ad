// Apps started in-process for end-to-end tests, apart from the package's root because they load NestJS.
export * from './app-under-test.js';
export * from './start-standalone-for-test.js';
export * from './ingest-accepted.js';
