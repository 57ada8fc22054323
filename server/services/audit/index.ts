// The append-only, hash-chained audit log: appending an entry and verifying the chain.
export { audit, readAuditHead } from './audit-log.js';
export type { ChainPoint } from './audit-log.js';
export { verifyAuditChain } from './verify-chain.js';
export type { VerifyResult } from './verify-chain.js';
