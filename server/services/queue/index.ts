// The database job queue: enqueue with an optional unique key, claim under a lease, complete or fail with backoff.
export { claimJobs, completeJob, DEFAULT_LEASE_MS, enqueue, failJob, renewLease } from './queue.js';
export type { ClaimedJob } from './queue.js';
