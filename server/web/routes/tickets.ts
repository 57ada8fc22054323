// The staff workspace: one ticket (/tickets/:ref) with reply, note, assign, status,
// pause/resume and legal extension forms (the queue is routes/queue.ts). Leaders read only (no forms, POST refused by role); the services also check scope and role, so a
// ticket of another agency is a 404 whichever way it is asked for.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { ticketHttpError } from './ticket-errors.js';
import { t } from '../../i18n/index.js';
import {
  getTicket, replyToTicket, addNote, assignTicket, setStatus, SETTABLE_STATUSES,
  canExtend, extendTicketDeadline, canWrite, scopeOf, TICKET_READ_ROLES, TICKET_WRITE_ROLES,
  TicketInputError, MANUAL_PAUSE_REASONS, canPauseFor, pauseTicket, resumeTicket, canChangeClass, reclassifyTicket, acceptTicket, canRefer, referralTargets, referTicketAs, mergeOptions,
  TicketStaleError, TicketFormRepeatError, newFormKey, viewTicket,
} from '../../services/tickets/index.js';
import { ticketView } from '../presenters/ticket-presenter.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { reclassifyOptions } from '../presenters/clock-presenter.js';
import { deskView, staleView } from './reply-form.js';
import { seenOf } from '../forms/stale-form.js';

const replyBody = z.object({ body: z.string().default(''), close: z.string().optional() });
const noteBody = z.object({ note: z.string().default('') });
const assignBody = z.object({ assignee: z.string().regex(/^\d{0,10}$/).default('') });
const statusBody = z.object({ status: z.string().default('') });
const extensionBody = z.object({ reason: z.string().max(2000).default('') });
const reclassifyBody = z.object({ class: z.string().max(40).default(''), category: z.string().max(40).default(''), priority: z.string().max(20).default('') });
const referBody = z.object({ to: z.string().max(40).default(''), refer_reason: z.string().max(4000).default('') });
const pauseBody = z.object({ pause_reason: z.string().max(40).default(''), pause_note: z.string().max(4000).default('') });

export function ticketRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = [requireLogin, requireRole(...TICKET_READ_ROLES)];
  const writers = [requireLogin, requireRole(...TICKET_WRITE_ROLES)];

  const show = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const user = req.auth!.user;
    const view = await getTicket(db, String(req.params.ref), scopeOf(user)).catch((e) => { throw ticketHttpError(e); });
    const flashKey = typeof req.query.done === 'string' && /^[a-z_]{1,20}$/.test(req.query.done) ? `tickets.flash.${req.query.done}` : null;
    res.status(status).render('pages/tickets/show', {
      title: view.ticket.ref, ...ticketView(view, req.locale), canWrite: canWrite(user) && !view.readOnly,
      canExtend: canExtend(user) && !view.readOnly, readOnly: view.readOnly, statuses: SETTABLE_STATUSES,
      pauseReasons: MANUAL_PAUSE_REASONS.filter((r) => canPauseFor(user, r)).map((r) => ({ value: r, label: t(req.locale, `tickets.pause.reason.${r}`) })),
      canResume: Boolean(view.pause && canPauseFor(user, view.pause.reason)),
      referTargets: canRefer(user) && !view.readOnly ? await referralTargets(db, view.ticket.agency_id) : [],
      reclassify: { ...reclassifyOptions(view.ticket, req.locale), canChangeClass: canChangeClass(user) },
      canMerge: (await mergeOptions(db, view.ticket.ref, user)).allowed,
      ...(await deskView(db, view, user, req, canWrite(user) && !view.readOnly, deps.replyAttachmentMaxBytes)),
      // who else viewed it; a visit is recorded on GET only (a form's answer drawn again is not a new view)
      viewers: await viewTicket(db, view.ticket, user, new Date(), { record: req.method === 'GET' }),
      // one key per drawing of the page: a form posted twice is done once (services/tickets/form-once.ts)
      formKey: newFormKey(),
      flash: flashKey ? { kind: 'ok', text: t(req.locale, flashKey) } : undefined, ...extra,
    });
  };
  router.get('/tickets/:ref', ...readers, (req, res) => show(req, res));

  /**
   * Runs one action; input errors re-render the page with the message next to the field and the text kept. The
   * services check, in the action's transaction, that the form is not stale (what changed is shown, 409) and not a
   * second submission of one form (the page again, saying the first was done).
   */
  const act = (done: string, run: (req: Request) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      await run(req);
    } catch (e) {
      if (e instanceof TicketFormRepeatError) return res.redirect(303, `/tickets/${encodeURIComponent(e.ticketRef)}?done=again`);
      if (e instanceof TicketStaleError) return show(req, res, 409, { stale: staleView(e, req), values: req.body });
      if (!(e instanceof TicketInputError)) throw ticketHttpError(e);
      const errors = { [e.field]: t(req.locale, `tickets.error.${e.field}.${e.message}`, e.params) };
      return show(req, res, 422, { errors, values: req.body });
    }
    res.redirect(303, `/tickets/${encodeURIComponent(String(req.params.ref))}?done=${done}`);
  };
  const actor = (req: Request) => req.auth!.user;
  /** what the posted form knew (its version, "do it anyway") and its one-time key */
  const form = (req: Request) => ({ seen: seenOf(req.body), formKey: typeof req.body?.form_key === 'string' ? req.body.form_key as string : null });

  router.post('/tickets/:ref/reply', ...writers, act('reply', async (req) => {
    // over the upload limit the middleware kept only the fields: the form again, with the limit and the text
    if (req.uploadTooLarge) throw new TicketInputError('attachment', 'too_large', { max: Math.floor(req.uploadTooLarge.maxBytes / (1024 * 1024)) });
    const body = replyBody.parse(req.body);
    const ctx = await deps.ingestContext();
    await replyToTicket(db, ctx, { ticketRef: String(req.params.ref), actor: actor(req), body: body.body, close: body.close === '1',
      attachments: (req.files ?? []).filter((f) => f.field === 'attachment'), maxAttachmentBytes: deps.replyAttachmentMaxBytes,
      ...form(req) });
  }));
  router.post('/tickets/:ref/note', ...writers, act('note', (req) =>
    addNote(db, { ticketRef: String(req.params.ref), actor: actor(req), text: noteBody.parse(req.body).note, ...form(req) })));
  router.post('/tickets/:ref/assign', ...writers, act('assign', (req) => {
    const parsed = assignBody.safeParse(req.body);
    if (!parsed.success) throw new TicketInputError('assignee', 'not_in_agency');
    const { assignee } = parsed.data;
    return assignTicket(db, { ticketRef: String(req.params.ref), actor: actor(req), assigneeId: assignee === '' ? null : Number(assignee), seen: seenOf(req.body) });
  }));
  // Closing ends the case for good (the clock stops; a citizen's later mail reopens it only within the window), so it
  // asks first, after the scope check; reopening is the 'open' status.
  const setTo = act('status', (req) => setStatus(db, { ticketRef: String(req.params.ref), actor: actor(req), status: statusBody.parse(req.body).status, seen: seenOf(req.body) }));
  router.post('/tickets/:ref/status', ...writers, async (req, res, next) => {
    if (statusBody.parse(req.body).status !== 'closed' || isConfirmed(req.body)) return setTo(req, res).catch(next);
    const view = await getTicket(db, String(req.params.ref), scopeOf(actor(req))).catch((e) => { throw ticketHttpError(e); });
    renderConfirm(req, res, { title: t(req.locale, 'tickets.close.title'), question: t(req.locale, 'tickets.close.question', { ref: view.ticket.ref }),
      warning: t(req.locale, 'tickets.close.warning'), confirmLabel: t(req.locale, 'tickets.close.submit'), cancelHref: `/tickets/${encodeURIComponent(view.ticket.ref)}` });
  });

  // The legal clock: pause with a reason (a legal suspension only by supervisors and admins) and resume.
  router.post('/tickets/:ref/pause', ...writers, act('paused', (req) => {
    const parsed = pauseBody.safeParse(req.body);
    if (!parsed.success) throw new TicketInputError('pause', 'too_long');
    return pauseTicket(db, { ticketRef: String(req.params.ref), actor: actor(req), reason: parsed.data.pause_reason, note: parsed.data.pause_note, ...form(req) });
  }));
  router.post('/tickets/:ref/resume', ...writers, act('resumed', (req) => resumeTicket(db, { ticketRef: String(req.params.ref), actor: actor(req), ...form(req) })));

  // Thụ lý: accept the case (starts an acceptance-based resolution clock).
  // It cannot be taken back (the legal clock starts), so it asks first, after the scope check (404 elsewhere).
  const accept = act('accepted', (req) => acceptTicket(db, { ticketRef: String(req.params.ref), actor: actor(req), ...form(req) }));
  router.post('/tickets/:ref/accept', ...writers, async (req, res, next) => {
    if (isConfirmed(req.body)) return accept(req, res).catch(next);
    const ref = String(req.params.ref);
    const view = await getTicket(db, ref, scopeOf(actor(req))).catch((e) => { throw ticketHttpError(e); });
    renderConfirm(req, res, { title: t(req.locale, 'tickets.accept.title'), question: t(req.locale, 'tickets.accept.question', { ref: view.ticket.ref }),
      warning: t(req.locale, 'tickets.accept.hint'), confirmLabel: t(req.locale, 'tickets.accept.submit'), cancelHref: `/tickets/${encodeURIComponent(view.ticket.ref)}` });
  });

  // Chuyển đơn (supervisors and admins): the case and its clock go to another agency, so it asks first.
  const refer = act('referred', async (req) => {
    const parsed = referBody.safeParse(req.body);
    if (!parsed.success) throw new TicketInputError('refer', 'no_reason');
    await referTicketAs(db, { ticketRef: String(req.params.ref), actor: actor(req), toAgencyCode: parsed.data.to, reason: parsed.data.refer_reason,
      mailFrom: (await deps.ingestContext()).mailFrom, seen: seenOf(req.body) });
  });
  router.post('/tickets/:ref/refer', ...writers, async (req, res, next) => {
    if (isConfirmed(req.body)) return refer(req, res).catch(next);
    const view = await getTicket(db, String(req.params.ref), scopeOf(actor(req))).catch((e) => { throw ticketHttpError(e); });
    // The question names the agency as the form's list does (a code alone is easy to pick wrong).
    const code = String(req.body?.to ?? '');
    const target = (await referralTargets(db, view.ticket.agency_id)).find((a) => a.code === code);
    const to = target ? `${target.name} (${target.code})` : code;
    renderConfirm(req, res, { title: t(req.locale, 'tickets.refer.title'), question: t(req.locale, 'tickets.refer.question', { ref: view.ticket.ref, to }),
      warning: t(req.locale, 'tickets.refer.warning'), confirmLabel: t(req.locale, 'tickets.refer.submit'), cancelHref: `/tickets/${encodeURIComponent(view.ticket.ref)}` });
  });

  // Class (supervisors and admins), field and priority; the deadline is recomputed from the same start.
  router.post('/tickets/:ref/reclassify', ...writers, act('reclassified', (req) => {
    const parsed = reclassifyBody.safeParse(req.body);
    if (!parsed.success) throw new TicketInputError('reclassify', 'bad_class');
    return reclassifyTicket(db, { ticketRef: String(req.params.ref), actor: actor(req), ...parsed.data, seen: seenOf(req.body) });
  }));

  // Legal extensions (supervisors and admins; the service refuses other roles with a 403).
  for (const [path, kind, done] of [['complex', 'complex', 'complex'], ['extend', 'extend', 'extended']] as const) {
    router.post(`/tickets/:ref/${path}`, ...writers, act(done, (req) => {
      const parsed = extensionBody.safeParse(req.body);
      if (!parsed.success) throw new TicketInputError('extension', 'no_reason');
      return extendTicketDeadline(db, { ticketRef: String(req.params.ref), actor: actor(req), kind, reason: parsed.data.reason, ...form(req) });
    }));
  }

  return router;
}
