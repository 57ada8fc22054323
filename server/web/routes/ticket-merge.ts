// Gộp hồ sơ (supervisors and admins): a page with the other case's ref (prefilled from a "may relate to" link) and
// the reason, then a confirmation naming which case is kept, then the merge (services/tickets/merge.ts: the earlier
// case keeps its ref and clock, the later one is closed as merged, the citizen is not told twice). Scope first
// (another agency's ticket is a 404), then role (403), then the form (422 with the message next to the field).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { Forbidden } from '../errors.js';
import { ticketHttpError } from './ticket-errors.js';
import { t } from '../../i18n/index.js';
import {
  getTicket, mergeOptions, mergeReason, mergeTickets, planMerge, scopeOf, TICKET_WRITE_ROLES, TicketInputError, TicketStaleError, ticketVersion,
} from '../../services/tickets/index.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { staleView } from './reply-form.js';
import { seenOf } from '../forms/stale-form.js';

const mergeBody = z.object({ with: z.string().max(40).default(''), merge_reason: z.string().max(4000).default('') });
const prefill = z.object({ with: z.string().max(40).regex(/^[A-Za-z0-9-]*$/).optional().catch(undefined) });

export function ticketMergeRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const writers = [requireLogin, requireRole(...TICKET_WRITE_ROLES)];

  const page = async (req: Request, res: Response, status: number, values: { with?: string; merge_reason?: string }, error?: string, stale?: TicketStaleError) => {
    const user = req.auth!.user;
    const view = await getTicket(db, String(req.params.ref), scopeOf(user)).catch((e) => { throw ticketHttpError(e); });
    if ((await mergeOptions(db, view.ticket.ref, user)).refusal === 'role') throw Forbidden(`role ${user.role} may not merge tickets`);
    const candidates = view.related.filter((r) => r.inScope).map((r) => r.ref);
    res.status(status).render('pages/tickets/merge', {
      title: t(req.locale, 'tickets.merge.title'), ticket: { ref: view.ticket.ref, subject: view.ticket.subject, received_at: view.ticket.received_at },
      candidates, values: { with: values.with ?? candidates[0] ?? '', merge_reason: values.merge_reason ?? '' }, error,
      // the version the page was drawn from: a merge after others changed the case is refused with what changed
      version: stale ? stale.version : await ticketVersion(db, view.ticket.id), stale: stale ? staleView(stale, req) : undefined,
    });
  };

  router.get('/tickets/:ref/merge', ...writers, async (req, res) => page(req, res, 200, { with: prefill.parse(req.query).with }));

  router.post('/tickets/:ref/merge', ...writers, async (req, res) => {
    const actor = req.auth!.user;
    const body = mergeBody.safeParse(req.body);
    const form = body.success ? body.data : { with: '', merge_reason: '' };
    const ref = String(req.params.ref);
    try {
      if (!body.success) {
        await planMerge(db, { ticketRef: ref, otherRef: '', actor });
      } else if (!isConfirmed(req.body)) {
        const plan = await planMerge(db, { ticketRef: ref, otherRef: form.with, actor });
        mergeReason(form.merge_reason);
        return renderConfirm(req, res, {
          title: t(req.locale, 'tickets.merge.title'),
          question: t(req.locale, 'tickets.merge.question', { merged: plan.merged.ref, kept: plan.kept.ref }),
          warning: t(req.locale, 'tickets.merge.warning', { merged: plan.merged.ref, kept: plan.kept.ref }),
          facts: [{ label: t(req.locale, 'tickets.merge.kept'), value: `${plan.kept.ref} · ${plan.kept.subject}` },
            { label: t(req.locale, 'tickets.merge.closed'), value: `${plan.merged.ref} · ${plan.merged.subject}` },
            { label: t(req.locale, 'tickets.merge.reason'), value: form.merge_reason.trim() }],
          confirmLabel: t(req.locale, 'tickets.merge.submit'), cancelHref: `/tickets/${encodeURIComponent(ref)}`,
        });
      } else {
        // the same stale-form check as every other action of the ticket page, in the merge's transaction
        const plan = await mergeTickets(db, { ticketRef: ref, otherRef: form.with, actor, reason: form.merge_reason, seen: seenOf(req.body) });
        return res.redirect(303, `/tickets/${encodeURIComponent(plan.kept.ref)}?done=merged`);
      }
    } catch (e) {
      if (e instanceof TicketStaleError) return page(req, res, 409, form, undefined, e);
      if (!(e instanceof TicketInputError)) throw ticketHttpError(e);
      return page(req, res, 422, form, t(req.locale, `tickets.merge.error.${e.message}`, e.params));
    }
  });

  return router;
}
