/**
 * @customs-pulse/audit: evidence for auditors (architecture.md, guarantee 6). Framework-free: the hash-chain
 * verifier that `GET /api/audit/verify`, `npm run audit:verify` and the benchmark share. The NestJS module with the
 * audit endpoints is `@customs-pulse/audit/api`.
 */
export type { BrokenLink, ChainAnchor, ChainVerification, VerifyChainOptions } from './chain/chain-verification.js';
export { verifyChain } from './chain/verify-chain.js';
export { VerificationRangeError } from './chain/verification-range-error.js';
export type { ReadableLog } from './chain/log-pages.js';
export { type OptionProblem, VERIFY_OPTION_NAMES, verifyOptionsFromText } from './chain/verify-options-text.js';
