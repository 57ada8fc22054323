// Notifications to people: their official addresses, and the admin alert when a notification reaches nobody.
export { officialRecipients, recipientsWithRole, adminRecipients, type Recipient } from './official-address.js';
export { alertUnreached, type UnreachedNotice } from './unreached.js';
