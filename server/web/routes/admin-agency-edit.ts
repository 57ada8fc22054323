// /admin/agencies/:code: one agency: edit (name, kind, parent, hotline), end it on a day, deactivate it now (both
// ask first), reopen it. Province-wide admins only; the services refuse anyone else too (agency-admin.ts) and
// write the audit rows with from and to per field. The code never changes and the mail domain moves only with
// `domain:migrate`, so both are shown, not edited.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireProvinceWide, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../../services/auth/index.js';
import { AGENCY_KINDS, agencyChoices } from '../../services/org/index.js';
import {
  deactivateAgency, findAgencyItem, setAgencyEnd, updateAgency, ProvisioningError,
} from '../../services/provisioning/index.js';
import { NotFound } from '../errors.js';
import { fieldProblem } from '../presenters/problem-text.js';
import { parseForm, parseParams } from '../presenters/validate.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { dayFromInput } from '../forms/day-input.js';
import { formatDay } from '../view-helpers.js';

// Upper-case only, so /admin/agencies/upload (the org upload) is never read as an agency.
const codeParam = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/) });
const editBody = z.object({
  name: z.string().max(300).default(''), kind: z.string().max(32).default(''),
  parent: z.string().trim().toUpperCase().max(32).default(''), hotline: z.string().trim().max(190).default(''),
});
// the end day as typed day/month/year, read as ISO (an unreadable one goes on as typed: the service refuses it by field)
const endBody = z.object({ valid_to: z.string().max(32).default('').transform(dayFromInput) });
const DONE = ['saved', 'ended', 'deactivated', 'reopened'] as const;
const FORM_FIELDS = ['name', 'kind', 'parent', 'hotline', 'valid_to'];

export function adminAgencyEditRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin'), requireProvinceWide];
  const href = (code: string) => `/admin/agencies/${code}`;

  const render = async (req: Request, res: Response, code: string, extra: Record<string, unknown> = {}, status = 200) => {
    const [agency, all] = await Promise.all([findAgencyItem(db, code), agencyChoices(db, { agencyId: null })]);
    if (!agency) throw NotFound('agency');
    const values = (extra.values as Record<string, string> | undefined) ?? { name: agency.name, kind: agency.kind, parent: agency.parent ?? '', hotline: agency.hotline_address ?? '', valid_to: agency.valid_to ?? '' };
    const done = typeof req.query.ok === 'string' && (DONE as readonly string[]).includes(req.query.ok) ? req.query.ok : null;
    res.status(status).render('pages/admin/agency', {
      title: `${agency.code} · ${agency.name}`, agency, errors: {},
      kinds: AGENCY_KINDS.map((k) => ({ value: k, label: t(req.locale, `agency.kind.${k}`), selected: k === values.kind })),
      parents: [{ value: '', label: t(req.locale, 'agency.no_parent'), selected: !values.parent },
        ...all.filter((a) => a.code !== code).map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, selected: a.code === values.parent }))],
      ...(done ? { flash: { kind: 'ok', text: t(req.locale, `agency.done.${done}`) } } : {}), ...extra, values,
    });
  };

  /** A service refusal as an error next to its field, the submitted values kept. */
  const refused = (req: Request, res: Response, code: string, e: unknown, values: Record<string, string>) => {
    if (!(e instanceof ProvisioningError) || e.status === 403) throw e;
    if (e.status === 404) throw NotFound('agency');
    const { field, text } = fieldProblem(req.locale, e, { fields: FORM_FIELDS, fallback: 'name' });
    return render(req, res, code, { values, errors: { [field!]: text } }, 422);
  };

  router.get('/admin/agencies/:code', ...guard, async (req, res) => {
    await render(req, res, parseParams(codeParam, req.params).code);
  });

  router.post('/admin/agencies/:code', ...guard, async (req, res) => {
    const { code } = parseParams(codeParam, req.params);
    const b = parseForm(editBody, req.body);
    try {
      await updateAgency(db, code, { name: b.name, kind: b.kind, parentCode: b.parent || null, hotlineAddress: b.hotline || null }, actorOf(req.auth!.user));
      res.redirect(303, `${href(code)}?ok=saved`);
    } catch (e) {
      await refused(req, res, code, e, b);
    }
  });

  router.post('/admin/agencies/:code/end', ...guard, async (req, res) => {
    const { code } = parseParams(codeParam, req.params);
    const { valid_to: day } = parseForm(endBody, req.body);
    try {
      // An unreadable day goes straight to the service, whose error sits next to the field.
      if (!isConfirmed(req.body) && /^\d{4}-\d{2}-\d{2}$/.test(day)) return await askFirst(req, res, code, 'end', day);
      await setAgencyEnd(db, code, day, actorOf(req.auth!.user));
      res.redirect(303, `${href(code)}?ok=ended`);
    } catch (e) {
      await refused(req, res, code, e, { valid_to: day });
    }
  });

  router.post('/admin/agencies/:code/deactivate', ...guard, async (req, res) => {
    const { code } = parseParams(codeParam, req.params);
    if (!isConfirmed(req.body)) return askFirst(req, res, code, 'deactivate', '');
    await deactivateAgency(db, code, actorOf(req.auth!.user));
    res.redirect(303, `${href(code)}?ok=deactivated`);
  });

  router.post('/admin/agencies/:code/reopen', ...guard, async (req, res) => {
    const { code } = parseParams(codeParam, req.params);
    await setAgencyEnd(db, code, null, actorOf(req.auth!.user));
    res.redirect(303, `${href(code)}?ok=reopened`);
  });

  async function askFirst(req: Request, res: Response, code: string, action: 'end' | 'deactivate', day: string): Promise<void> {
    const agency = await findAgencyItem(db, code);
    if (!agency) throw NotFound('agency');
    const l = req.locale;
    const vars = { agency: `${agency.code} — ${agency.name}`, day: formatDay(day) };
    renderConfirm(req, res, {
      title: t(l, `agency.confirm.${action}.title`), question: t(l, `agency.confirm.${action}.question`, vars),
      warning: t(l, 'agency.confirm.warning'), confirmLabel: t(l, `agency.confirm.${action}.button`), cancelHref: href(code),
      facts: [{ label: t(l, 'hr.agencies.code'), value: agency.code }, { label: t(l, 'hr.agencies.name'), value: agency.name },
        ...(day ? [{ label: t(l, 'agency.valid_to'), value: formatDay(day) }] : [])],
    });
  }

  return router;
}
