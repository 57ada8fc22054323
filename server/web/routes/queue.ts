// The hotline queue (/tickets, issue 14 item 1): filters, toneless search, sort and keyset pages; the user's
// saved views; bulk assign, status and category, confirmed first. Every rule (scope, role, read-only copies) is
// in services/tickets; this file reads the form and renders.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { confirmsStale } from '../forms/stale-form.js';
import { t } from '../../i18n/index.js';
import {
  bulkAct, bulkRefs, sealBulkMark, canFilterAgency, deleteView, listQueue, listSavedViews, QUEUE_SORTS, queueChoices, saveView,
  SLA_STATES, TICKET_READ_ROLES, TICKET_STATUSES, TICKET_WRITE_ROLES, TicketInputError, canWrite, type BulkAction,
} from '../../services/tickets/index.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { queueView, bulkSummary, type QueueQuery } from '../presenters/queue-presenter.js';
import { dayField, typedDays } from '../forms/day-input.js';
import { queueRowsHtml } from '../queue-rows.js';

const short = z.string().max(40).regex(/^[a-z0-9_-]*$/).optional().catch(undefined);
// a day typed day/month/year (or ISO, as links and saved views carry it) read as ISO; none typed is no filter; an
// unreadable one is dropped from the filter and named next to its field (typedDays)
const day = dayField.transform((v) => v || undefined).optional().catch(undefined);
export const queueQuery = z.object({
  agency: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  class: short, category: short, priority: short,
  sla: z.enum(SLA_STATES).optional().catch(undefined),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]).optional().catch(undefined),
  from: day, to: day,
  q: z.string().max(100).optional().catch(undefined),
  sort: z.enum(QUEUE_SORTS).optional().catch(undefined),
  after: z.string().max(80).optional().catch(undefined),
});
const bulkBody = z.object({
  refs: z.union([z.string(), z.array(z.string())]).default([]),
  action: z.enum(['assign', 'status', 'category']).catch('assign'),
  assignee: z.string().regex(/^\d{0,10}$/).catch(''),
  status: z.string().max(20).catch(''),
  category: z.string().max(40).catch(''),
  /** the queue's mark when it was drawn (sealBulkMark of the page's mark): tickets changed since are refused unless confirmed */
  seen: z.string().max(200).regex(/^[A-Za-z0-9_.-]+$/).optional().catch(undefined),
});
const viewBody = z.object({ name: z.string().max(200).catch(''), query: z.string().max(2000).catch('') });

export function queueRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = [requireLogin, requireRole(...TICKET_READ_ROLES)];
  const writers = [requireLogin, requireRole(...TICKET_WRITE_ROLES)];

  router.get('/tickets', ...readers, async (req, res) => {
    const query = queueQuery.parse(req.query);
    const user = req.auth!.user;
    const wide = canFilterAgency(user);
    const { sort: _sort, after: _after, ...chosen } = query;
    const filter = { ...chosen, agency: wide ? query.agency : undefined, assignee: query.assignee === 'me' ? user.id : query.assignee };
    const [page, views] = await Promise.all([listQueue(db, { actor: user, filter, sort: query.sort, after: query.after }), listSavedViews(db, user)]);
    const choices = await queueChoices(db, user, query.agency, page.mark);
    const done = typeof req.query.done === 'string' && /^[a-z_]{1,20}$/.test(req.query.done) ? `queue.flash.${req.query.done}` : null;
    const flashText = done ? t(req.locale, done) : null;
    const view = queueView(page, query as QueueQuery, req.locale, { views, ...choices, canBulk: canWrite(user) });
    const rowsHtml = await queueRowsHtml(req.app, page, req.locale, canWrite(user));
    const { bad, errors: dateErrors } = typedDays(req.query, ['from', 'to'], req.locale);
    res.render('pages/tickets/queue', {
      title: t(req.locale, 'tickets.queue.title'),
      flash: flashText && flashText !== done ? { kind: done!.includes('view_no') || done!.includes('too_many') || done!.includes('none') ? 'warning' : 'ok', text: flashText } : undefined,
      ...view,
      rowsHtml,
      filter: { ...view.filter, ...bad },
      dateErrors,
      moreFilters: view.moreFilters || Object.keys(bad).length > 0,
      // the bulk form's version: the highest event id read before the page's tickets, so a change it does not show is after it
      bulkSeen: canWrite(user) ? sealBulkMark(page.mark.lastEventId) : undefined,
    });
  });

  // Bulk: the ticked refs and one action; a confirmation page first, then each ticket through its own action.
  router.post('/tickets/bulk', ...writers, async (req, res) => {
    const body = bulkBody.parse(req.body ?? {});
    const refs = bulkRefs(body.refs);
    const action: BulkAction = body.action === 'assign' ? { kind: 'assign', assigneeId: body.assignee ? Number(body.assignee) : null }
      : body.action === 'status' ? { kind: 'status', status: body.status } : { kind: 'category', category: body.category || null };
    const fields = { refs: refs.join(','), action: body.action, assignee: body.assignee, status: body.status, category: body.category, seen: body.seen ?? '' };
    if (!refs.length) return res.redirect(303, '/tickets?done=bulk_none');
    if (!isConfirmed(req.body)) {
      return renderConfirm(req, res, {
        title: t(req.locale, 'queue.bulk.confirm_title'), question: t(req.locale, `queue.bulk.question_${body.action}`, { n: refs.length }),
        facts: [{ label: t(req.locale, 'queue.bulk.tickets'), value: refs.join(', ') }],
        confirmLabel: t(req.locale, 'queue.bulk.submit'), cancelHref: '/tickets', fields,
      });
    }
    const seen = { mark: body.seen ?? null, confirmed: confirmsStale(req.body) };
    const result = await bulkAct(db, req.auth!.user, refs, action, seen);
    res.render('pages/tickets/bulk-done', { title: t(req.locale, 'queue.bulk.done_title'), ...bulkSummary(result, req.locale, fields) });
  });

  router.post('/tickets/views', ...readers, async (req, res) => {
    const body = viewBody.parse(req.body ?? {});
    try {
      await saveView(db, req.auth!.user.id, body.name, body.query);
    } catch (e) {
      if (!(e instanceof TicketInputError)) throw e;
      return res.redirect(303, `/tickets?done=view_${e.message}`);
    }
    res.redirect(303, '/tickets?done=view_saved');
  });
  router.post('/tickets/views/:id/delete', ...readers, async (req, res) => {
    await deleteView(db, req.auth!.user.id, Number(req.params.id) || 0);
    res.redirect(303, '/tickets?done=view_deleted');
  });

  return router;
}
