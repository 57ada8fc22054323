// A review action on a mail someone already dealt with (a second click, a page left open, a colleague first): the
// answer is "already handled", naming the case it made, never a 404 page. "Đây là thư của công dân" leaves its row
// (now carrying the ticket); "Xử lý lại" removes the quarantine row and ingestion writes the mail's row anew under
// the same inbox, UIDVALIDITY and UID, so the review page's form carries that key (`mailKey`) to find it again.
// The scope is the same as findReviewMail's: a mail of another agency stays "not found".
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { MessageAttrs } from '../../db/models/hotline.js';
import { TicketInputError, TicketNotFoundError } from '../tickets/index.js';
import { findReviewMail, REVIEW_CLASSES, type ReviewActor } from './review-list.js';

/** The key a reviewed mail keeps across re-processing: inbox, UIDVALIDITY and UID. */
export const reviewMailKey = (m: Pick<MessageAttrs, 'inbox_id' | 'uid_validity' | 'uid'>): string => `${m.inbox_id ?? 0}:${m.uid_validity ?? ''}:${m.uid ?? 0}`;

/** 'already', with the case the mail made (for the page to link) and the mail's agency (to go back to its list). */
export async function alreadyHandled(db: Db, mail: Pick<MessageAttrs, 'ticket_id'> & { agency_id: number }): Promise<TicketInputError> {
  const [ticket, agency] = await Promise.all([
    mail.ticket_id ? db.models.Ticket.findByPk(mail.ticket_id, { attributes: ['ref'] }) : null,
    db.models.Agency.findByPk(mail.agency_id, { attributes: ['code'] }),
  ]);
  return new TicketInputError('review', 'already', { ...(ticket ? { ref: ticket.ref } : {}), agency: agency?.code ?? '' });
}

/** The mail a re-processing made of quarantined mail `mailId` (written after it, under its key), in the actor's scope. */
async function reprocessedAs(db: Db, actor: ReviewActor, mailId: number, key: string): Promise<(MessageAttrs & { agency_id: number }) | null> {
  const m = /^(\d{1,12}):([^:]{0,64}):(\d{1,12})$/.exec(key);
  if (!m) return null;
  const row = await db.models.Message.findOne({ where: { inbox_id: Number(m[1]), uid_validity: m[2], uid: Number(m[3]), direction: 'in', id: { [Op.gt]: mailId } },
    attributes: ['id'], order: [['id', 'ASC']] });
  return row ? findReviewMail(db, actor, row.id).catch((e) => { if (e instanceof TicketNotFoundError) return null; throw e; }) : null;
}

/** Dealt with: it made or joined a case, or it is no longer mail set aside for review. */
const handled = (m: Pick<MessageAttrs, 'ticket_id' | 'classification'>): boolean =>
  Boolean(m.ticket_id) || !(REVIEW_CLASSES as readonly string[]).includes(m.classification);

/**
 * The mail a review action is about, still waiting for review; or TicketInputError('review', 'already') when it was
 * dealt with (converted, re-processed into a case or other mail); TicketInputError('review', 'requeued') when a
 * re-processing set it aside again (its entry in the list is new); or TicketNotFoundError (unknown, or another agency's).
 */
export async function mailToReview(db: Db, actor: ReviewActor, mailId: number, mailKey?: string): Promise<MessageAttrs & { agency_id: number; agency_code: string }> {
  let mail: (MessageAttrs & { agency_id: number }) | null;
  try {
    mail = await findReviewMail(db, actor, mailId);
  } catch (e) {
    const made = e instanceof TicketNotFoundError && mailKey ? await reprocessedAs(db, actor, mailId, mailKey) : null;
    if (made && handled(made)) throw await alreadyHandled(db, made);
    // re-processed, but set aside again (still unreadable): not handled; it waits in the list under a new entry
    if (made) throw new TicketInputError('review', 'requeued', { agency: (await db.models.Agency.findByPk(made.agency_id, { attributes: ['code'] }))?.code ?? '' });
    throw e;
  }
  if (handled(mail)) throw await alreadyHandled(db, mail);
  // the page goes back to this agency's review list (a province-wide reviewer's ?agency=CODE)
  const agency = await db.models.Agency.findByPk(mail.agency_id, { attributes: ['code'] });
  return { ...mail, agency_code: agency?.code ?? '' };
}
