// Reads tickets page by page (keyset on id) with the events the metrics need, so a province-year never sits
// in memory at once. The kinds are filtered in SQL; details JSON is read in JS because SQLite and MariaDB
// spell JSON extraction differently.
import { Op, type WhereOptions } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { WorkCalendar } from '../sla/index.js';
import { mergedAway, ticketFacts, type MetricsEvent, type TicketFacts } from './ticket-facts.js';
import { slaService } from './sla-on-demand.js';
import { memoWorkingMinutes, type WorkingMinutes } from './working-time.js';

export const METRICS_PAGE_SIZE = 1_000;
const EVENT_KINDS = ['reply', 'first_response', 'status', 'resolved', 'referral', 'pause', 'resume', 'merged_into'];

export interface TicketFilter {
  /** received_at ≥ from */
  from?: Date;
  /** received_at < to */
  to?: Date;
  /** undefined = every agency */
  agencyIds?: readonly number[];
  /** only these tickets (the rollup catch-up) */
  ticketIds?: readonly number[];
}

/**
 * raw rows skip building a model instance per row (the main cost at this volume), so dates arrive as the
 * driver gives them: a Date from mysql2, a 'YYYY-MM-DD HH:MM:SS.SSS +00:00' string from SQLite.
 */
export function rowDate(value: Date | string | null): Date | null {
  if (value === null || value instanceof Date) return value;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?([+-]\d{2}:\d{2}|Z)?$/.exec(value);
  const d = new Date(m ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : value);
  if (Number.isNaN(d.getTime())) throw new Error(`unreadable date from the database: ${value}`);
  return d;
}

type RawTicket = {
  id: number; ref: string; agency_id: number; category: string | null; class: string; received_at: Date | string; due_at: Date | string | null;
  first_response_due_at: Date | string | null;
};
type RawEvent = { ticket_id: number; kind: string; at: Date | string; details: string | null };

function ticketWhere(filter: TicketFilter, afterId: number): WhereOptions<TicketAttrs> {
  const received: Record<symbol, Date> = {};
  if (filter.from) received[Op.gte] = filter.from;
  if (filter.to) received[Op.lt] = filter.to;
  return {
    id: { [Op.gt]: afterId },
    // History imports predate the system: nobody ran their clock here, so they would only read as late.
    history: false,
    ...(Object.getOwnPropertySymbols(received).length ? { received_at: received } : {}),
    ...(filter.agencyIds ? { agency_id: [...filter.agencyIds] } : {}),
    ...(filter.ticketIds ? { id: { [Op.gt]: afterId, [Op.in]: [...filter.ticketIds] } } : {}),
  };
}

/** Facts for every ticket matching `filter`, in id order, as of `asOf`, each on its agency's calendar. */
export async function* streamTicketFacts(db: Db, filter: TicketFilter, asOf: Date, calendarOf: (agencyId: number) => Promise<WorkCalendar>, pageSize = METRICS_PAGE_SIZE): AsyncGenerator<TicketFacts> {
  const { Ticket, TicketEvent } = db.models;
  const counters = new Map<WorkCalendar, WorkingMinutes>();
  const counterOf = async (agencyId: number) => {
    const cal = await calendarOf(agencyId);
    let between = counters.get(cal);
    if (!between) counters.set(cal, (between = memoWorkingMinutes(cal, await slaService())));
    return between;
  };
  let afterId = 0;
  for (;;) {
    const page = await Ticket.findAll({
      where: ticketWhere(filter, afterId),
      attributes: ['id', 'ref', 'agency_id', 'category', 'class', 'received_at', 'due_at', 'first_response_due_at'],
      order: [['id', 'ASC']],
      limit: pageSize,
      raw: true,
    }) as unknown as RawTicket[];
    if (page.length === 0) return;
    const events = await TicketEvent.findAll({
      where: { ticket_id: page.map((t) => t.id), kind: EVENT_KINDS, at: { [Op.lte]: asOf } },
      attributes: ['ticket_id', 'kind', 'at', 'details'],
      order: [['at', 'ASC'], ['id', 'ASC']],
      raw: true,
    }) as unknown as RawEvent[];
    const byTicket = new Map<number, MetricsEvent[]>();
    for (const e of events) {
      let list = byTicket.get(e.ticket_id);
      if (!list) byTicket.set(e.ticket_id, (list = []));
      list.push({ kind: e.kind, at: rowDate(e.at)!, details: e.details });
    }
    for (const t of page) {
      const evs = byTicket.get(t.id) ?? [];
      if (mergedAway(evs)) continue;
      const between = await counterOf(t.agency_id);
      yield ticketFacts(
        {
          id: t.id, ref: t.ref, agencyId: t.agency_id, category: t.category, class: t.class ?? '', receivedAt: rowDate(t.received_at)!,
          dueAt: rowDate(t.due_at), firstResponseDueAt: rowDate(t.first_response_due_at),
        },
        evs, asOf, between,
      );
    }
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]!.id;
  }
}
