// /hr/shared-mailboxes: shared and role mailboxes (hotline, văn thư, a unit's mailbox): the list, a form to create
// one, and one mailbox with its owners (add; remove after a confirmation). Roles hr and admin; the service takes the
// signed-in user as the actor and keeps them to their agency (another agency's shared mailbox answers 404). The
// password govmail generates is never shown: the hotline worker reads it (admin hotlines page, `hotline:set --mailbox`).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../../services/auth/index.js';
import {
  ProvisioningError, addMailboxOwner, assertMayRemoveOwner, createSharedMailbox, getSharedMailbox, listSharedMailboxes, removeMailboxOwner,
} from '../../services/provisioning/index.js';
import { agencyChoices as agenciesInScope } from '../../services/org/index.js';
import { asPageProblem, fieldProblem } from '../presenters/problem-text.js';
import { parseForm, parseParams } from '../presenters/validate.js';
import { isConfirmed, renderConfirm } from '../confirm.js';

const addressParam = z.object({ address: z.string().trim().toLowerCase().max(190).regex(/^[^@\s/]+@[^@\s/]+$/) });
const createBody = z.object({
  address: z.string().trim().max(190).default(''),
  agency: z.string().trim().max(32).default(''),
  name: z.string().trim().max(255).default(''),
  /** one username or mailbox address per line, or separated by commas */
  owners: z.string().max(4000).default(''),
});
const ownerBody = z.object({ owner: z.string().trim().min(1).max(190) });
const DONE = ['created', 'owner-added', 'owner-removed'] as const;

const splitOwners = (text: string): string[] => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

export function hrSharedMailboxRoutes(deps: AppDeps): Router {
  const { db, secretKey } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('hr', 'admin')];
  const base = '/hr/shared-mailboxes';
  const detailHref = (address: string) => `${base}/${encodeURIComponent(address)}`;

  const renderList = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const actor = actorOf(req.auth!.user);
    const agencies = await agenciesInScope(db, actor);
    const values = (extra.values as Record<string, string> | undefined) ?? { agency: agencies.length === 1 ? agencies[0]!.code : '' };
    const agencyChoices = agencies.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, selected: a.code === values.agency?.toUpperCase() }));
    res.status(status).render('pages/hr/shared-mailboxes', {
      title: t(req.locale, 'shared.title'), items: await listSharedMailboxes(db, actor), agencyChoices, errors: {}, ...extra, values,
    });
  };

  const renderDetail = async (req: Request, res: Response, address: string, extra: Record<string, unknown> = {}, status = 200) => {
    const box = await getSharedMailbox(db, address, actorOf(req.auth!.user)).catch((e: unknown) => Promise.reject(asPageProblem(req.locale, e)));
    const done = typeof req.query.ok === 'string' && (DONE as readonly string[]).includes(req.query.ok) ? req.query.ok : null;
    res.status(status).render('pages/hr/shared-mailbox', {
      title: box.address, box, errors: {}, ...(done ? { flash: { kind: 'ok', text: t(req.locale, `shared.done.${done}`) } } : {}), ...extra,
    });
  };

  router.get(base, ...guard, async (req, res) => {
    await renderList(req, res);
  });

  router.post(base, ...guard, async (req, res) => {
    const b = parseForm(createBody, req.body);
    try {
      const box = await createSharedMailbox(db, {
        address: b.address, agencyCode: b.agency, owners: splitOwners(b.owners), name: b.name || null, actor: actorOf(req.auth!.user), secretKey,
      });
      res.redirect(303, `${detailHref(box.address)}?ok=created`);
    } catch (e) {
      if (!(e instanceof ProvisioningError) || e.status >= 500) throw e;
      // Field errors next to their field (the agency, the address, an owner); the submitted values stay.
      const { field, text } = fieldProblem(req.locale, e, { fields: ['agency', 'address', 'owners'], rename: { owner: 'owners' }, fallback: 'address' });
      await renderList(req, res, { values: b, errors: { [field!]: text } }, e.status === 404 || e.status === 400 ? 422 : e.status);
    }
  });

  router.get(`${base}/:address`, ...guard, async (req, res) => {
    await renderDetail(req, res, parseParams(addressParam, req.params).address);
  });

  router.post(`${base}/:address/owners`, ...guard, async (req, res) => {
    const { address } = parseParams(addressParam, req.params);
    const { owner } = parseForm(ownerBody, req.body);
    try {
      await addMailboxOwner(db, address, owner, actorOf(req.auth!.user));
      res.redirect(303, `${detailHref(address)}?ok=owner-added`);
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      await renderDetail(req, res, address, { values: { owner }, errors: { owner: p.text } }, p.status);
    }
  });

  router.post(`${base}/:address/owners/remove`, ...guard, async (req, res) => {
    const { address } = parseParams(addressParam, req.params);
    const { owner } = parseForm(ownerBody, req.body);
    const actor = actorOf(req.auth!.user);
    try {
      if (!isConfirmed(req.body)) {
        // The same checks as the removal, so the page never offers what will be refused.
        const box = await assertMayRemoveOwner(db, address, owner, actor);
        const l = req.locale;
        return renderConfirm(req, res, {
          title: t(l, 'shared.confirm.remove.title'), question: t(l, 'shared.confirm.remove.question', { owner, address: box.address }),
          warning: t(l, 'shared.confirm.remove.warning', { owner }),
          facts: [{ label: t(l, 'shared.col.address'), value: box.address }, { label: t(l, 'shared.col.owner'), value: owner }],
          confirmLabel: t(l, 'shared.confirm.remove.button'), cancelHref: detailHref(box.address),
        });
      }
      await removeMailboxOwner(db, address, owner, actor);
      res.redirect(303, `${detailHref(address)}?ok=owner-removed`);
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      await renderDetail(req, res, address, { flash: { kind: 'error', text: p.text } }, p.status);
    }
  });

  return router;
}
