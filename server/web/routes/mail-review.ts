// "Thư không thành hồ sơ" (/review, issue 14 item 6): the set-aside mail of one agency, and its two actions, each
// asking first (after the scope check): "Đây là thư của công dân" opens a ticket at the mail's receive time, and
// "Xử lý lại" runs a quarantined mail through ingestion again. The services decide scope and role (a mail of
// another agency is a 404, another agency named in ?agency= a 403), as they do for the CLI.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { ticketHttpError } from './ticket-errors.js';
import { t } from '../../i18n/index.js';
import {
  convertToTicket, listReviewMail, mailToReview, REVIEW_CLASSES, REVIEW_ROLES, reprocessQuarantined, reviewAgencyChoices, reviewAgencyFor,
} from '../../services/ingestion/index.js';
import { TicketInputError } from '../../services/tickets/index.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { reviewRowsView } from '../presenters/review-presenter.js';
import { formatDateTime } from '../view-helpers.js';

const listQuery = z.object({
  agency: z.string().max(40).optional().catch(undefined),
  kind: z.enum(REVIEW_CLASSES).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  done: z.string().regex(/^[a-z_.]{1,40}$/).optional().catch(undefined),
  ref: z.string().regex(/^[A-Z0-9-]{1,40}$/).optional().catch(undefined),
  error: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
});

export function mailReviewRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const desk = [requireLogin, requireRole(...REVIEW_ROLES)];

  router.get('/review', ...desk, async (req, res) => {
    const query = listQuery.parse(req.query);
    const user = req.auth!.user;
    const agency = await reviewAgencyFor(db, user, query.agency).catch((e) => { throw ticketHttpError(e, 'mail'); });
    const choices = user.agency_id === null ? await reviewAgencyChoices(db) : [];
    const page = agency ? await listReviewMail(db, agency, { before: query.before, kind: query.kind }) : null;
    const base = `/review?${new URLSearchParams({ ...(user.agency_id === null && agency ? { agency: agency.code } : {}), ...(query.kind ? { kind: query.kind } : {}) })}`;
    // a mail already dealt with names the case it made, with a link to it
    const flash = query.done ? { kind: 'ok', text: t(req.locale, `review.flash.${query.done}`, { ref: query.ref ?? '' }) }
      : query.error === 'already' && query.ref ? { kind: 'warning', text: t(req.locale, 'review.error.already_ticket', { ref: query.ref }),
        href: `/tickets/${encodeURIComponent(query.ref)}`, linkText: t(req.locale, 'review.open_ticket', { ref: query.ref }) }
        : query.error ? { kind: query.error === 'already' || query.error === 'requeued' ? 'warning' : 'error', text: t(req.locale, `review.error.${query.error}`) } : undefined;
    res.render('pages/tickets/review', {
      title: t(req.locale, 'review.title'), agency, flash,
      choices: choices.map((c) => ({ ...c, selected: c.id === agency?.id })),
      kinds: REVIEW_CLASSES.map((k) => ({ value: k, label: t(req.locale, `review.kind.${k}`), selected: k === query.kind })),
      rows: page ? reviewRowsView(page.mails, req.locale) : [],
      hidden: user.agency_id === null && agency ? agency.code : null,
      older: page?.nextBefore ? `${base}&before=${page.nextBefore}` : null, newest: query.before ? base : null,
    });
  });

  const backTo = (agencyCode: string, req: Request) => `/review?${new URLSearchParams(req.auth!.user.agency_id === null ? { agency: agencyCode } : {})}`;

  /** Back to the list with the refusal; 'already' carries the case the mail made, and the mail's agency. */
  const refused = (e: TicketInputError, agencyCode: string, req: Request) =>
    `${backTo(String(e.params.agency || agencyCode), req)}&error=${e.message}${e.params.ref ? `&ref=${encodeURIComponent(String(e.params.ref))}` : ''}`;

  /** Scope check first (404 elsewhere), then whether it is still to do (a second click: "already handled", with its
   *  case), then the question; confirm=1 runs it. Refusals go back to the list. */
  const action = (name: 'convert' | 'reprocess', run: (req: Request, mailId: number, back: string, mailKey?: string) => Promise<string>) => async (req: Request, res: Response) => {
    const mailId = Number(req.params.mail);
    const mailKey = typeof req.body?.mail_key === 'string' ? req.body.mail_key : undefined;
    let mail: Awaited<ReturnType<typeof mailToReview>>;
    try {
      mail = await mailToReview(db, req.auth!.user, mailId, mailKey);
    } catch (e) {
      if (e instanceof TicketInputError) return res.redirect(303, refused(e, '', req));
      throw ticketHttpError(e, 'mail');
    }
    const agency = { code: mail.agency_code };
    if (!isConfirmed(req.body)) {
      const vars = { from: mail.from_address || t(req.locale, 'review.no_sender'), subject: mail.subject || t(req.locale, 'review.no_subject'),
        received: mail.received_at ? formatDateTime(mail.received_at, req.locale) : '' };
      return renderConfirm(req, res, { title: t(req.locale, `review.${name}.title`), question: t(req.locale, `review.${name}.question`, vars),
        warning: t(req.locale, `review.${name}.warning`, vars), confirmLabel: t(req.locale, `review.${name}.submit`), cancelHref: backTo(agency.code, req) });
    }
    try {
      res.redirect(303, await run(req, mailId, backTo(agency.code, req), mailKey));
    } catch (e) {
      if (!(e instanceof TicketInputError)) throw ticketHttpError(e, 'mail');
      res.redirect(303, refused(e, agency.code, req));
    }
  };

  router.post('/review/:mail/convert', ...desk, action('convert', async (req, mailId, _back, mailKey) => {
    const done = await convertToTicket(db, await deps.ingestContext(), { mailId, actor: req.auth!.user, mailKey });
    return `/tickets/${encodeURIComponent(done.ref)}?done=converted`;
  }));
  router.post('/review/:mail/reprocess', ...desk, action('reprocess', async (req, mailId, back, mailKey) => {
    const done = await reprocessQuarantined(db, await deps.ingestContext(), { mailId, actor: req.auth!.user, mailKey });
    if (done.ticketRef) return `${back}&done=reprocessed.${done.outcome === 'ticket' ? 'ticket' : 'threaded'}&ref=${encodeURIComponent(done.ticketRef)}`;
    return `${back}&done=reprocessed.${done.outcome === 'quarantined' ? 'quarantined' : 'other'}`;
  }));

  return router;
}
