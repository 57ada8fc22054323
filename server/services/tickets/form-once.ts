// One-time form keys (migration 0030). The ticket page draws its action forms with a random key (newFormKey); an
// action that would do harm done twice (a reply mailed twice, a note written twice, a second legal extension…)
// passes the key it was posted with to formOnce right after findWritableTicket locked the ticket's row. A second
// POST of the same form (double click, browser resubmit, network retry) waits for the first on that lock, then finds
// its row here and is answered with the first one's result (TicketFormRepeatError) instead of acting again. The
// unique (ticket, action, key) holds even if two got past the lookup: the later insert fails and its transaction,
// with everything it wrote, rolls back. The same key with other content is a form used again (the back button), refused.
import { createHash, randomBytes } from 'node:crypto';
import { Transaction, UniqueConstraintError } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TicketInputError } from './errors.js';
import type { Actor } from './scope.js';

const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh key for the forms of one drawing of the ticket page (128 random bits). */
export function newFormKey(): string {
  return randomBytes(16).toString('base64url');
}

/** The posted key when it looks like one of ours, else null (an old form: no protection, as before). */
export function formKeyOf(raw: unknown): string | null {
  return typeof raw === 'string' && FORM_KEY.test(raw) ? raw : null;
}

/** The second submission of a form: the action was done once already; `eventId` is what the first one made. */
export class TicketFormRepeatError extends Error {
  override readonly name = 'TicketFormRepeatError';
  constructor(readonly action: string, readonly ticketRef: string, readonly eventId: number | null) {
    super(`${action} on ${ticketRef} was already submitted with this form`);
  }
}

export interface FormOnce {
  /** records the key with the event the action made; call last, in the same transaction */
  done(eventId: number | null): Promise<void>;
}

const NOTHING: FormOnce = { done: async () => undefined };

/**
 * Inside the action's transaction, after findWritableTicket: refuses a repeat (TicketFormRepeatError) or a reused
 * form (TicketInputError on `field`, 'form_used'); otherwise the caller acts and then calls done(eventId).
 */
export async function formOnce(db: Db, ticket: Pick<TicketAttrs, 'id' | 'ref'>, actor: Pick<Actor, 'id'>,
  form: { action: string; key: string | null | undefined; field: string; content: unknown }): Promise<FormOnce> {
  const key = formKeyOf(form.key);
  if (!key) return NOTHING;
  const digest = createHash('sha256').update(JSON.stringify(form.content)).digest('hex');
  const where = { ticket_id: ticket.id, action: form.action, form_key: key };
  const refuse = (first: { digest: string; event_id: number | null }): never => {
    if (first.digest === digest) throw new TicketFormRepeatError(form.action, ticket.ref, first.event_id);
    throw new TicketInputError(form.field, 'form_used');
  };
  const first = await db.models.TicketFormSubmission.findOne({ where, attributes: ['digest', 'event_id'] });
  if (first) refuse(first);
  return {
    async done(eventId) {
      try {
        await db.models.TicketFormSubmission.create({ ...where, digest, user_id: actor.id, event_id: eventId, created_at: new Date() });
      } catch (e) {
        if (!(e instanceof UniqueConstraintError)) throw e;
        // another request with this key committed meanwhile: a locking read sees it whatever this snapshot is
        const other = await db.models.TicketFormSubmission.findOne({ where, attributes: ['digest', 'event_id'], lock: Transaction.LOCK.SHARE });
        refuse(other ?? { digest, event_id: null });
      }
    },
  };
}
