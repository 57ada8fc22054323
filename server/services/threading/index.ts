// Threading identity: what in our outbound mail lets a reply find its ticket again (signed own Message-IDs,
// body markers, the loop header) and the case refs they carry. Ingestion reads it, tickets and outbox write it.
export { CASE_REF_SOURCE, formatRef, lastRefSequence, refPrefixOf } from './case-ref.js';
export {
  findBodyMarker, findOwnMessageId, LOOP_HEADER, makeBodyMarker, makeOwnMessageId, primarySecret, readOwnMessageId,
} from './thread-tokens.js';
export type { Secrets, TokenHmac } from './thread-tokens.js';
