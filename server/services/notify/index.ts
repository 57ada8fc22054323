// Notifications to people: their official addresses, and the admin alert when a notification reaches nobody.
export { adminRecipients, officialRecipients, recipientsWithRole } from './official-address.js';
export type { Recipient } from './official-address.js';
export { alertUnreached } from './unreached.js';
export { alertAddresses } from './alert-address.js';
export type { AlertRouting } from './alert-address.js';
