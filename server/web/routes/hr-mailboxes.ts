// /hr/mailboxes: the list (agency filter, search, pages) and one mailbox with its actions: reset password
// (shown once), suspend, restore, leaver, quota, aliases, transfer. Roles hr and admin; the services take the
// signed-in user as the actor and enforce the rules: an officer with an agency acts only on that agency's
// mailboxes (another agency's mailbox answers 404, as if absent), never on one whose account outranks them,
// and moves nobody between agencies. Every action is a CSRF-checked POST; the service writes the audit row.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import {
  assertMayChangeMailbox, listMailboxes, markLeaver, restoreMailbox, setMailboxPassword, setMailboxQuota, suspendMailbox, type Scope,
  assertMovesBetween, addAlias, removeAlias, transferStaff, ProvisioningError, mailboxDetail,
} from '../../services/provisioning/index.js';
import { actorOf, type Actor } from '../../services/auth/index.js';
import { agencyChoices, findAgencyByCode } from '../../services/org/index.js';
import { mailboxListPage } from '../presenters/mailbox-page.js';
import { asPageProblem } from '../presenters/problem-text.js';
import { parseForm, parseParams } from '../presenters/validate.js';
import { isConfirmed, renderConfirm } from '../confirm.js';

const listQuery = z.object({
  agency: z.string().trim().max(32).regex(/^[A-Za-z0-9._-]*$/).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
const addressParam = z.object({ address: z.string().trim().toLowerCase().max(190).regex(/^[^@\s/]+@[^@\s/]+$/) });
const ACTIONS = ['password', 'suspend', 'restore', 'leaver', 'quota', 'alias-add', 'alias-remove', 'transfer'] as const;
type Action = (typeof ACTIONS)[number];
/** Actions that cut someone off or cannot be taken back as they were: each asks first (server/web/confirm.ts). */
const ASKS_FIRST: ReadonlySet<Action> = new Set(['password', 'suspend', 'leaver', 'alias-remove', 'transfer']);
const actionParam = addressParam.extend({ action: z.enum(ACTIONS) });
const bodies = {
  suspend: z.object({ reason: z.string().trim().max(255).optional() }),
  quota: z.object({ quota_mb: z.coerce.number().int() }),
  alias: z.object({ alias: z.string().trim().toLowerCase().min(3).max(190) }),
};

const scopeOf = (req: Request): Scope => ({ agencyId: req.auth!.user.agency_id });

export function hrMailboxRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const sessions = { kicker: deps.sessionKicker ?? null, log: deps.log };
  const guard = [requireLogin, requireRole('hr', 'admin')];

  router.get('/hr/mailboxes', ...guard, async (req, res) => {
    const q = listQuery.parse(req.query);
    const scope = scopeOf(req);
    const agencies = await agencyChoices(db, scope);
    // An agency officer's filter can only be their own agency; an unknown code shows an empty filter, not a 500.
    const agencyCode = q.agency && agencies.some((a) => a.code === q.agency!.toUpperCase()) ? q.agency.toUpperCase() : undefined;
    const list = mailboxListPage(await listMailboxes(db, { scope, agencyCode }), { q: q.q ?? '', page: q.page ?? 1 });
    const link = (page: number | null) => page && `/hr/mailboxes?${new URLSearchParams({ ...(agencyCode ? { agency: agencyCode } : {}), ...(q.q ? { q: q.q } : {}), page: String(page) })}`;
    res.render('pages/hr/mailboxes', {
      title: t(req.locale, 'hr.mailboxes.title'), list, agencies, agencyCode, q: q.q ?? '',
      prevHref: link(list.prev), nextHref: link(list.next), provinceWide: scope.agencyId === null,
    });
  });

  const renderDetail = async (req: Request, res: Response, address: string, extra: Record<string, unknown> = {}, status = 200) => {
    const scope = scopeOf(req);
    const box = await mailboxDetail(db, address, scope).catch((e: unknown) => Promise.reject(asPageProblem(req.locale, e)));
    const okKey = typeof req.query.ok === 'string' && (ACTIONS as readonly string[]).includes(req.query.ok) ? `hr.mailbox.done.${req.query.ok}` : null;
    res.status(status).render('pages/hr/mailbox', {
      title: box.address, box, agencies: (await agencyChoices(db, { agencyId: null })).filter((a) => a.code !== box.agency?.code),
      // Only a province-wide officer holds both ends of a transfer (provisioning/mailbox-guard.ts).
      canTransfer: scope.agencyId === null,
      ...(okKey ? { flash: { kind: 'ok', text: t(req.locale, okKey) } } : {}), ...extra,
    });
  };

  router.get('/hr/mailboxes/:address', ...guard, async (req, res) => {
    await renderDetail(req, res, parseParams(addressParam, req.params).address);
  });

  router.post('/hr/mailboxes/:address/:action', ...guard, async (req, res) => {
    const { address, action } = parseParams(actionParam, req.params);
    try {
      const actor = actorOf(req.auth!.user);
      if (ASKS_FIRST.has(action) && !isConfirmed(req.body)) return await askFirst(req, res, action, address, actor);
      const next = await perform(action, address, req.body, actor);
      if (next.password) {
        // Shown once, in this response only: never in a URL, a flash cookie or a log.
        res.set('Cache-Control', 'no-store');
        return await renderDetail(req, res, address, { newPassword: next.password });
      }
      res.redirect(303, `/hr/mailboxes/${encodeURIComponent(next.address)}?ok=${action}`);
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      // A refused alias is the form's own field: its reason goes next to it, with what was typed.
      if (action === 'alias-add' && e instanceof ProvisioningError && e.field === 'address') {
        const typed = typeof (req.body as { alias?: unknown }).alias === 'string' ? (req.body as { alias: string }).alias : '';
        return await renderDetail(req, res, address, { aliasError: p.text, aliasValue: typed }, p.status);
      }
      await renderDetail(req, res, address, { flash: { kind: 'error', text: p.text } }, p.status);
    }
  });

  /** The confirmation page, after the same checks as the action (scope: 404; reach: 403; transfer: a chosen
   *  agency the actor also holds), so it never offers what the service will refuse. */
  async function askFirst(req: Request, res: Response, action: Action, address: string, actor: Actor): Promise<void> {
    await assertMayChangeMailbox(db, address, actor);
    const box = await mailboxDetail(db, address, actor);
    const l = req.locale;
    const facts = [{ label: t(l, 'hr.col.address'), value: box.address }, { label: t(l, 'hr.col.name'), value: box.name ?? '' },
      { label: t(l, 'hr.col.agency'), value: box.agency ? `${box.agency.code} — ${box.agency.name}` : '' }].filter((f) => f.value);
    const vars: Record<string, string> = { address: box.address, name: box.name ?? box.address };
    if (action === 'transfer') {
      const target = await transferTarget(req.body, box.agency?.code);
      assertMovesBetween(actor, box.agency?.id ?? null, target.id);
      vars.agency = `${target.code} — ${target.name}`;
      facts.push({ label: t(l, 'hr.mailbox.transfer_to'), value: vars.agency });
    }
    if (action === 'alias-remove') vars.alias = parseForm(bodies.alias, req.body).alias;
    renderConfirm(req, res, {
      title: t(l, `hr.confirm.${action}.title`), question: t(l, `hr.confirm.${action}.question`, vars),
      warning: t(l, `hr.confirm.${action}.warning`, vars), facts, confirmLabel: t(l, `hr.confirm.${action}.button`),
      cancelHref: `/hr/mailboxes/${encodeURIComponent(box.address)}`,
    });
  }

  /** The agency chosen on the transfer form: one that exists and is not the person's own (none is preselected). */
  async function transferTarget(body: unknown, fromCode: string | undefined) {
    const target = await findAgencyByCode(db, String((body as { agency?: unknown }).agency ?? ''));
    if (!target || target.code === fromCode) throw new ProvisioningError('transfer.choose_agency', 'choose the agency to transfer to', 'agency', 422);
    return target;
  }

  async function perform(action: Action, address: string, body: unknown, actor: Actor): Promise<{ address: string; password?: string }> {
    switch (action) {
      case 'password': {
        const r = await setMailboxPassword(db, address, { actor, mustChange: true });
        return { address, password: r.password };
      }
      case 'suspend':
        await suspendMailbox(db, address, { actor, reason: parseForm(bodies.suspend, body).reason || undefined, sessions });
        return { address };
      case 'restore':
        await restoreMailbox(db, address, { actor });
        return { address };
      case 'leaver':
        await markLeaver(db, address, { actor, sessions });
        return { address };
      case 'quota':
        await setMailboxQuota(db, address, parseForm(bodies.quota, body).quota_mb, { actor });
        return { address };
      case 'alias-add':
        await addAlias(db, { address: parseForm(bodies.alias, body).alias, goto: address, actor });
        return { address };
      case 'alias-remove':
        await removeAlias(db, { address: parseForm(bodies.alias, body).alias, goto: address, actor });
        return { address };
      case 'transfer': {
        const box = await mailboxDetail(db, address, actor); // a person outside the actor's agency looks absent (404)
        const target = await transferTarget(body, box.agency?.code);
        const moved = await transferStaff(db, { who: address, toAgencyCode: target.code, actor });
        return { address: moved.to };
      }
    }
  }

  return router;
}
