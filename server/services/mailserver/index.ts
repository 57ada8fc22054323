// The Dovecot and Postfix config that reads govmail's tables, and ending a mailbox's live sessions.
export { sessionKickerFrom } from './session-kick.js';
export type { SessionKicker } from './session-kick.js';
export { writeMailServerConfig } from './write-config.js';
