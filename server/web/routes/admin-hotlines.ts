// /admin/hotlines: the hotline inbox of each agency, its state (last success, failures, last error, cursor,
// lease owner), a settings form and its "test connection" button, which tests what the form shows. Admins only;
// an agency-scoped admin sees and changes only their agency. The stored IMAP password is never rendered: the
// field is always empty and a blank submission keeps it while host, port, user and TLS stay as stored (the
// service's rule). A save that starts the inbox over asks first what the mail already in it is (history, or new
// since a date), with the count (issue 15 item 4); the confirmation carries a typed password sealed.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole, agencyScope, assertAgencyAccess } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import { ProvisioningError } from '../../services/provisioning/index.js';
import { problemText } from '../presenters/problem-text.js';
import {
  countInboxMail, InboxFormError, inboxMailboxChoices, inboxStartsOver, listInboxStatus, saveInboxSettings, sealFormPassword,
  testInboxConnection, type ConnectionTest, type InboxForm, type MailCount,
} from '../../services/ingestion/index.js';
import { instantAt, isoDateToDay, VN_UTC_OFFSET_MINUTES } from '../../services/time/index.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { dayField } from '../forms/day-input.js';
import { formatDateTime } from '../view-helpers.js';
import { findAgencyByCode } from '../../services/org/index.js';

const codeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/) });
const settingsBody = z.object({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/),
  port: z.coerce.number().int().min(1).max(65535),
  secure: z.literal('1').optional(),
  plain: z.literal('1').optional(),
  user: z.string().trim().max(190).default(''),
  mailbox: z.string().trim().toLowerCase().max(190).default(''),
  password: z.string().max(512).default(''),
  folder: z.string().trim().min(1).max(190),
  interval: z.coerce.number().int().min(10).max(86_400),
  /** the mail already in the box when a save starts the inbox over: all history, or new since `since` */
  old_mail: z.enum(['history', 'new_since']).default('history'),
  since: dayField.optional(),
  password_sealed: z.string().max(4096).optional(),
}).refine((b) => b.old_mail !== 'new_since' || Boolean(b.since), { path: ['since'] });
type SettingsBody = z.infer<typeof settingsBody>;

const formOf = (b: SettingsBody): InboxForm => ({ host: b.host, port: b.port, secure: b.secure === '1', user: b.user, password: b.password,
  folder: b.folder, pollIntervalS: b.interval, mailbox: b.mailbox, allowPlain: b.plain === '1', ...(b.password_sealed ? { sealedPassword: b.password_sealed } : {}) });

/** The history cut-off the form asks for: now (all mail already there is history), or local midnight of `since`. */
const cutoffOf = (b: SettingsBody, now = new Date()): Date =>
  b.old_mail === 'new_since' && b.since ? new Date(Math.min(now.getTime(), instantAt(isoDateToDay(b.since), 0, VN_UTC_OFFSET_MINUTES).getTime())) : now;
/** Service field → form field where they differ. */
const RENAMED: Partial<Record<keyof InboxForm, string>> = { pollIntervalS: 'interval', allowPlain: 'plain' };

export function adminHotlineRoutes(deps: AppDeps): Router {
  const { db, secretKey, log } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin')];

  /** The agency of the URL, within the user's scope: 404 for an unknown code, 403 for another agency's. */
  const agencyOf = async (req: Request) => {
    const parsed = codeParam.safeParse(req.params);
    const agency = parsed.success ? await findAgencyByCode(db, parsed.data.code) : null;
    if (!agency) throw NotFound('agency');
    assertAgencyAccess(req, agency.id);
    return agency;
  };

  const renderEdit = async (req: Request, res: Response, agencyId: number, extra: Record<string, unknown> = {}, status = 200) => {
    const [row] = await listInboxStatus(db, [agencyId]);
    const i = row.inbox;
    const viaMailbox = i?.mailbox_id != null;
    const values = (extra.values as Record<string, unknown> | undefined) ?? (i
      ? { host: i.imap_host, port: i.imap_port, secure: i.imap_secure, plain: !i.imap_secure, user: viaMailbox ? '' : i.imap_user, mailbox: viaMailbox ? i.imap_user : '', folder: i.imap_folder, interval: i.poll_interval_s }
      : { port: 143, secure: false, folder: 'INBOX', interval: 60, user: row.address ?? '', mailbox: '' });
    // The agency's shared mailboxes: the hotline reads one with the password govmail keeps, nobody types it.
    const mailboxChoices = [{ value: '', label: t(req.locale, 'hotlines.mailbox_typed'), selected: !values.mailbox },
      ...(await inboxMailboxChoices(db, agencyId)).map((m) => ({ value: m.address, label: m.address, selected: m.address === values.mailbox }))];
    res.status(status).render('pages/admin/hotline', { title: t(req.locale, 'hotlines.title'), row, ...extra, values, mailboxChoices });
  };

  router.get('/admin/hotlines', ...guard, async (req, res) => {
    res.render('pages/admin/hotlines', { title: t(req.locale, 'hotlines.title'), rows: await listInboxStatus(db, agencyScope(req)) });
  });

  router.get('/admin/hotlines/:code', ...guard, async (req, res) => {
    const agency = await agencyOf(req);
    await renderEdit(req, res, agency.id, req.query.saved === '1' ? { flash: { kind: 'ok', text: t(req.locale, 'hotlines.saved') } } : {});
  });

  /** The form's fields as posted (never the password) and the form, or the 422 page with errors by field. */
  const parseForm = async (req: Request, res: Response, agencyId: number): Promise<{ body: SettingsBody; submitted: Record<string, unknown> } | null> => {
    const parsed = settingsBody.safeParse(req.body);
    const body = req.body as { secure?: string; plain?: string };
    const submitted = { ...(req.body as Record<string, unknown>), password: '', password_sealed: '', secure: body.secure === '1', plain: body.plain === '1' };
    if (parsed.success) return { body: parsed.data, submitted };
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(req.locale, `hotlines.invalid.${String(i.path[0])}`)]));
    await renderEdit(req, res, agencyId, { values: submitted, errors }, 422);
    return null;
  };

  /** The service's refusal of a field, next to that field; false for any other error. */
  const formRefusal = async (req: Request, res: Response, agencyId: number, submitted: Record<string, unknown>, e: unknown): Promise<boolean> => {
    // Only the mailbox choice reaches the provisioning service (hotlineMailboxOf): its refusals sit there.
    if (e instanceof ProvisioningError) {
      await renderEdit(req, res, agencyId, { values: submitted, errors: { mailbox: problemText(req.locale, e) } }, 422);
      return true;
    }
    if (!(e instanceof InboxFormError)) return false;
    const field = RENAMED[e.field] ?? e.field;
    const key = e.reason === 'required' ? `hotlines.invalid.${field}` : `hotlines.invalid.${field}_${e.reason}`;
    await renderEdit(req, res, agencyId, { values: submitted, errors: { [field]: t(req.locale, key) } }, 422);
    return true;
  };

  router.post('/admin/hotlines/:code', ...guard, async (req, res) => {
    const agency = await agencyOf(req);
    const parsed = await parseForm(req, res, agency.id);
    if (!parsed) return;
    const { body: b, submitted } = parsed;
    const form = formOf(b);
    try {
      const startsOver = await inboxStartsOver(db, secretKey, agency.code, form);
      const historyCutoff = startsOver ? cutoffOf(b) : undefined;
      if (historyCutoff && !isConfirmed(req.body)) {
        const count = await countInboxMail(db, secretKey, agency.code, form, historyCutoff, log);
        const sealed = form.password ? sealFormPassword(secretKey, agency.id, form) : (b.password_sealed ?? '');
        return renderConfirm(req, res, { ...cutoffQuestion(req, b, historyCutoff, count), cancelHref: `/admin/hotlines/${encodeURIComponent(agency.code)}`,
          fields: { ...(req.body as Record<string, unknown>), password: '', password_sealed: sealed } });
      }
      await saveInboxSettings(db, secretKey, agency.code, form, req.auth!.user.username, { historyCutoff });
    } catch (e) {
      if (await formRefusal(req, res, agency.id, submitted, e)) return;
      throw e;
    }
    res.redirect(303, `/admin/hotlines/${encodeURIComponent(agency.code)}?saved=1`);
  });

  // With the form's fields (the button sits in the settings form): tests what the form shows, unsaved. Without
  // them (a bare post): the stored settings.
  router.post('/admin/hotlines/:code/test', ...guard, async (req, res) => {
    const agency = await agencyOf(req);
    const actor = req.auth!.user.username;
    if (typeof (req.body as { host?: unknown }).host !== 'string') {
      return renderEdit(req, res, agency.id, { test: testView(req, await testInboxConnection(db, secretKey, agency.id, actor, log)) });
    }
    const parsed = await parseForm(req, res, agency.id);
    if (!parsed) return;
    try {
      const result = await testInboxConnection(db, secretKey, agency.id, actor, log, formOf(parsed.body));
      await renderEdit(req, res, agency.id, { values: parsed.submitted, test: testView(req, result, parsed.body) });
    } catch (e) {
      if (await formRefusal(req, res, agency.id, parsed.submitted, e)) return;
      throw e;
    }
  });

  return router;
}

/** The cut-off step's page: how many mails are already in the box and what each side of the cut-off becomes. */
function cutoffQuestion(req: Request, b: SettingsBody, cutoff: Date, count: MailCount) {
  const l = req.locale;
  const when = formatDateTime(cutoff, l);
  const facts = count.ok
    ? [{ label: t(l, 'hotlines.cutoff.total'), value: String(count.total) }, { label: t(l, 'hotlines.cutoff.history', { when }), value: String(count.history) },
      { label: t(l, 'hotlines.cutoff.fresh', { when }), value: String(count.fresh) }]
    : [];
  return {
    title: t(l, 'hotlines.cutoff.title'),
    question: t(l, b.old_mail === 'new_since' ? 'hotlines.cutoff.question_since' : 'hotlines.cutoff.question_history', { when }),
    facts,
    warning: count.ok ? (count.fresh > 0 ? t(l, 'hotlines.cutoff.receipts', { n: count.fresh }) : undefined) : t(l, 'hotlines.cutoff.not_counted'),
    confirmLabel: t(l, 'hotlines.cutoff.button'),
  };
}

function testView(req: Request, r: ConnectionTest, typed?: SettingsBody) {
  if (!r.ok) return { ok: false, text: t(req.locale, `hotlines.test.${r.kind}`) };
  const ok = t(req.locale, 'hotlines.test.ok', { uidValidity: r.uidValidity, uidNext: r.uidNext });
  // Says which settings were tried: the ones on the form, which may not be saved yet.
  return { ok: true, text: typed ? `${ok} ${t(req.locale, 'hotlines.test.from_form', { host: typed.host, port: typed.port, login: typed.mailbox || typed.user })}` : ok };
}
