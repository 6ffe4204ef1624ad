/**
 * @customs-pulse/audit/api: the audit endpoints as a NestJS module. Kept apart from the framework-free entry point,
 * so that `npm run audit:verify` and the benchmark load no framework.
 */
export { AuditModule } from './audit.module.js';
export type { AuditedEvent } from './queries/get-stream-history.query.js';
