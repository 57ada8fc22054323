// Mail that made no ticket (issue 14 item 6): what the classifier set aside (spam, auto-reply, list, bounce) and
// what could not be parsed (quarantined), per agency, so a false positive never silently loses a petition. Only
// the hotline desk of the mail's own agency sees it: the agency goes into every query (a mail of another agency
// is "not found", never "forbidden"), and province-wide users choose the agency.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { MessageAttrs } from '../../db/models/hotline.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import { TicketForbiddenError, TicketNotFoundError } from '../tickets/index.js';
// review-handled.ts imports this module too; the cycle is safe (functions, called after both modules loaded)
import { reviewMailKey } from './review-handled.js';

/** The kinds listed for review: set aside by the classifier, or not parsed at all. */
export const REVIEW_CLASSES = ['spam', 'auto_reply', 'list', 'bounce', 'quarantined'] as const;
export type ReviewClass = (typeof REVIEW_CLASSES)[number];
/** The hotline desk: people who work tickets. Leaders only read tickets, and citizen mail here is unread mail. */
export const REVIEW_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const REVIEW_PAGE_SIZE = 50;

export type ReviewActor = Pick<UserAttrs, 'id' | 'username' | 'role' | 'agency_id'>;
export interface ReviewAgency { id: number; code: string; name: string }
export interface ReviewMail {
  id: number; classification: ReviewClass; reason: string | null; detail: string | null;
  from: string | null; subject: string | null; receivedAt: Date | null; size: number | null;
  /** inbox, UIDVALIDITY and UID: finds the mail again after re-processing wrote it anew (review-handled.ts) */
  key: string;
}
export interface ReviewPage { agency: ReviewAgency; mails: ReviewMail[]; nextBefore: number | null }

export function canReview(actor: Pick<UserAttrs, 'role'>): boolean {
  return REVIEW_ROLES.includes(actor.role);
}

/**
 * The agency whose set-aside mail the actor reviews: their own (naming another is refused), or for province-wide
 * users the one they name (null: none chosen yet, the page lists the choices).
 */
export async function reviewAgencyFor(db: Db, actor: ReviewActor, code: string | undefined): Promise<ReviewAgency | null> {
  if (!canReview(actor)) throw new TicketForbiddenError(`role ${actor.role} may not review filtered mail`);
  const wanted = code?.trim().toUpperCase();
  const where = actor.agency_id !== null && actor.agency_id !== undefined ? { id: actor.agency_id } : wanted ? { code: wanted } : null;
  if (!where) return null;
  const agency = await db.models.Agency.findOne({ where, attributes: ['id', 'code', 'name'] });
  if (!agency) throw new TicketNotFoundError(wanted ?? '');
  if (wanted && agency.code !== wanted) throw new TicketForbiddenError(`agency ${wanted} is outside the actor's scope`);
  return { id: agency.id, code: agency.code, name: agency.name };
}

/** Agencies with a hotline inbox, for the province-wide chooser. */
export async function reviewAgencyChoices(db: Db): Promise<ReviewAgency[]> {
  const inboxes = await db.models.HotlineInbox.findAll({ attributes: ['agency_id'] });
  const ids = [...new Set(inboxes.map((i) => i.agency_id))];
  if (!ids.length) return [];
  const rows = await db.models.Agency.findAll({ where: { id: ids }, attributes: ['id', 'code', 'name'], order: [['code', 'ASC']] });
  return rows.map((a) => ({ id: a.id, code: a.code, name: a.name }));
}

const inboxIdsOf = async (db: Db, agencyId: number): Promise<number[]> =>
  (await db.models.HotlineInbox.findAll({ where: { agency_id: agencyId }, attributes: ['id'] })).map((i) => i.id);

/** Newest first, keyset-paged by id (`before`): set-aside inbound mail of the agency's inboxes with no ticket. */
export async function listReviewMail(db: Db, agency: ReviewAgency, opts: { before?: number; kind?: ReviewClass } = {}): Promise<ReviewPage> {
  const inboxIds = await inboxIdsOf(db, agency.id);
  if (!inboxIds.length) return { agency, mails: [], nextBefore: null };
  const rows = await db.models.Message.findAll({
    where: { inbox_id: inboxIds, direction: 'in', ticket_id: null, classification: opts.kind ? [opts.kind] : [...REVIEW_CLASSES],
      ...(opts.before ? { id: { [Op.lt]: opts.before } } : {}) },
    attributes: ['id', 'classification', 'class_reason', 'quarantine_reason', 'quarantine_detail', 'from_address', 'subject', 'received_at', 'sha256', 'inbox_id', 'uid_validity', 'uid'],
    order: [['id', 'DESC']], limit: REVIEW_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, REVIEW_PAGE_SIZE);
  const sizes = new Map((await db.models.RawMessage.findAll({ where: { sha256: [...new Set(page.map((m) => m.sha256))] }, attributes: ['sha256', 'size'] }))
    .map((r) => [r.sha256, r.size]));
  return { agency, mails: page.map((m) => reviewMailOf(m, sizes.get(m.sha256) ?? null)), nextBefore: rows.length > REVIEW_PAGE_SIZE ? page[page.length - 1].id : null };
}

function reviewMailOf(m: Pick<MessageAttrs, 'id' | 'classification' | 'class_reason' | 'quarantine_reason' | 'quarantine_detail' | 'from_address' | 'subject' | 'received_at' | 'inbox_id' | 'uid_validity' | 'uid'>, size: number | null): ReviewMail {
  const quarantined = m.classification === 'quarantined';
  return { id: m.id, classification: m.classification as ReviewClass, reason: quarantined ? m.quarantine_reason : m.class_reason,
    detail: quarantined ? m.quarantine_detail : null, from: m.from_address, subject: m.subject, receivedAt: m.received_at, size, key: reviewMailKey(m) };
}

/** A set-aside mail by id within the actor's scope, or TicketNotFoundError (also when it is another agency's). */
export async function findReviewMail(db: Db, actor: ReviewActor, mailId: number): Promise<MessageAttrs & { agency_id: number }> {
  const row = Number.isSafeInteger(mailId) && mailId > 0 ? await db.models.Message.findOne({ where: { id: mailId, direction: 'in' } }) : null;
  const inbox = row?.inbox_id ? await db.models.HotlineInbox.findByPk(row.inbox_id, { attributes: ['agency_id'] }) : null;
  const inScope = inbox && (actor.agency_id === null || actor.agency_id === undefined || actor.agency_id === inbox.agency_id);
  if (!row || !inbox || !inScope) throw new TicketNotFoundError(`mail ${mailId}`);
  if (!canReview(actor)) throw new TicketForbiddenError(`role ${actor.role} may not review filtered mail`);
  return { ...(row.get({ plain: true }) as MessageAttrs), agency_id: inbox.agency_id };
}
