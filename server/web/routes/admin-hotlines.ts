// /admin/hotlines: the hotline inbox of each agency, its state (last success, failures, last error, cursor,
// lease owner), a settings form and a "test connection" button. Admins only; an agency-scoped admin sees and
// changes only their agency. The stored IMAP password is never rendered: the field is always empty and a
// blank submission keeps it while host, port, user and TLS stay as stored (the service's rule).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole, agencyScope, assertAgencyAccess } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import { ProvisioningError } from '../../services/provisioning/index.js';
import { problemText } from '../presenters/problem-text.js';
import {
  InboxFormError, inboxMailboxChoices, listInboxStatus, saveInboxSettings, testInboxConnection, type ConnectionTest,
  type InboxForm,
} from '../../services/ingestion/index.js';
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
});
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

  router.post('/admin/hotlines/:code', ...guard, async (req, res) => {
    const agency = await agencyOf(req);
    const parsed = settingsBody.safeParse(req.body);
    const body = req.body as { secure?: string; plain?: string };
    const submitted = { ...(req.body as Record<string, unknown>), password: '', secure: body.secure === '1', plain: body.plain === '1' };
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(req.locale, `hotlines.invalid.${String(i.path[0])}`)]));
      return renderEdit(req, res, agency.id, { values: submitted, errors }, 422);
    }
    const b = parsed.data;
    try {
      await saveInboxSettings(db, secretKey, agency.code, { host: b.host, port: b.port, secure: b.secure === '1', user: b.user,
        password: b.password, folder: b.folder, pollIntervalS: b.interval, mailbox: b.mailbox, allowPlain: b.plain === '1' }, req.auth!.user.username);
    } catch (e) {
      // Only the mailbox choice reaches the provisioning service (setHotlineMailbox): its refusals sit there.
      if (e instanceof ProvisioningError) return renderEdit(req, res, agency.id, { values: submitted, errors: { mailbox: problemText(req.locale, e) } }, 422);
      if (!(e instanceof InboxFormError)) throw e;
      const field = RENAMED[e.field] ?? e.field;
      const key = e.reason === 'required' ? `hotlines.invalid.${field}` : `hotlines.invalid.${field}_${e.reason}`;
      return renderEdit(req, res, agency.id, { values: submitted, errors: { [field]: t(req.locale, key) } }, 422);
    }
    res.redirect(303, `/admin/hotlines/${encodeURIComponent(agency.code)}?saved=1`);
  });

  router.post('/admin/hotlines/:code/test', ...guard, async (req, res) => {
    const agency = await agencyOf(req);
    const result = await testInboxConnection(db, secretKey, agency.id, req.auth!.user.username, log);
    await renderEdit(req, res, agency.id, { test: testView(req, result) });
  });

  return router;
}

function testView(req: Request, r: ConnectionTest) {
  return r.ok
    ? { ok: true, text: t(req.locale, 'hotlines.test.ok', { uidValidity: r.uidValidity, uidNext: r.uidNext }) }
    : { ok: false, text: t(req.locale, `hotlines.test.${r.kind}`) };
}
