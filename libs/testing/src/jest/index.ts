// Helpers that need Jest's globals, apart so that benches and scripts can import the rest of the package.
export * from './describe-with-infrastructure.js';
