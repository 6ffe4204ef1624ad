export * from './roles.js';
export * from './access-token.js';
export * from './access-token-policy.js';
export * from './auth-secret.js';
export * from './require-role.decorator.js';
export * from './roles.guard.js';
export * from './auth.module.js';
