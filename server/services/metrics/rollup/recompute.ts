// The one way a ticket's facts are computed for the rollups: its events through ticketFacts, on its agency's
// calendar, as of the end of time (every recorded event counts; whether an open ticket is overdue is decided
// when a report reads it, against the report's clock).
import type { Db } from '../../../db/index.js';
import type { MetricFactAttrs } from '../../../db/models/metrics.js';
import { streamTicketFacts, type TicketFilter } from '../ticket-stream.js';
import { calendarsOnDemand } from '../sla-on-demand.js';
import { factRow } from './cells.js';

export const FACTS_AS_OF = new Date('9999-12-31T00:00:00Z');

/** Facts rows of the tickets `filter` selects, in ticket id order (history imports are never counted). */
export async function* recomputedFacts(db: Db, filter: TicketFilter = {}): AsyncGenerator<MetricFactAttrs> {
  for await (const f of streamTicketFacts(db, filter, FACTS_AS_OF, calendarsOnDemand(db))) yield factRow(f);
}
