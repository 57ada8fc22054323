// /admin/users: accounts and the roles granted to people. The list (agency, role and text filters, pages) with
// the create form (role, scope, optional mailbox; the one-time password shown once), and one account with its
// role and scope, disable (asks first) or enable, unlock, and its audit trail. Admins only; the users service
// takes the signed-in admin as the actor and enforces the rules (an agency admin sees and changes only their
// agency's accounts and grants nothing above their own role or scope); the forms only offer what it allows.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf, type Actor } from '../../services/auth/index.js';
import { ProvisioningError } from '../../services/provisioning/index.js';
import {
  accountTrail, assertMayChangeAccount, createAccount, disableAccount, enableAccount, findAccount, listAccountsPage, ROLES,
  setAccountRole, unlockAccount,
} from '../../services/users/index.js';
import { allRoleOptions, roleOptions, scopeOptions, trailLines, USERS_PAGE_SIZE, usersListPage } from '../presenters/users-page.js';
import { agencyChoices } from '../../services/org/index.js';
import { asPageProblem, fieldProblem } from '../presenters/problem-text.js';
import { parseForm, parseParams } from '../presenters/validate.js';
import { isConfirmed, renderConfirm } from '../confirm.js';

const code = z.string().trim().max(32).regex(/^[A-Za-z0-9._-]*$/);
const listQuery = z.object({
  agency: code.optional().catch(undefined),
  role: z.string().trim().max(16).regex(/^[a-z]*$/).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
const createBody = z.object({
  username: z.string().trim().max(190).default(''),
  name: z.string().trim().max(190).default(''),
  role: z.string().trim().max(16).default(''),
  agency: code.default(''),
  mailbox: z.string().trim().max(190).default(''),
});
const roleBody = z.object({ role: z.string().trim().max(16), agency: code.default('') });
const userParam = z.object({ username: z.string().trim().toLowerCase().min(1).max(190).regex(/^[^\s/]+$/) });
const ACTIONS = ['role', 'disable', 'enable', 'unlock'] as const;
type Action = (typeof ACTIONS)[number];
const FORM_FIELDS = ['username', 'name', 'role', 'agency', 'mailbox', 'password'];

const userHref = (username: string) => `/admin/users/${encodeURIComponent(username)}`;

export function adminUserRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin')];

  async function renderList(req: Request, res: Response, form: z.infer<typeof createBody> | null, extra: Record<string, unknown> = {}, status = 200) {
    const actor = actorOf(req.auth!.user);
    const q = listQuery.parse(req.method === 'GET' ? req.query : {});
    const agencies = await agencyChoices(db, actor);
    const agency = q.agency && agencies.some((a) => a.code === q.agency!.toUpperCase()) ? q.agency.toUpperCase() : undefined;
    const role = (ROLES as readonly string[]).includes(q.role ?? '') ? q.role : undefined;
    const list = usersListPage(await listAccountsPage(db, { agency, role, q: q.q }, actor, { page: q.page ?? 1, size: USERS_PAGE_SIZE }));
    const link = (page: number | null) => page && `/admin/users?${new URLSearchParams({ ...(agency ? { agency } : {}), ...(role ? { role } : {}), ...(q.q ? { q: q.q } : {}), page: String(page) })}`;
    res.status(status).render('pages/admin/users', {
      title: t(req.locale, 'users.title'), list, agencies, agency, q: q.q ?? '', prevHref: link(list.prev), nextHref: link(list.next),
      filterRoles: allRoleOptions(req.locale, role), provinceWide: actor.agencyId === null,
      form: form ?? { username: '', name: '', mailbox: '' },
      createRoles: roleOptions(req.locale, actor, form?.role), createScopes: scopeOptions(req.locale, actor, agencies, form ? form.agency : actor.agencyId === null ? '' : agencies[0]?.code),
      ...extra,
    });
  }

  router.get('/admin/users', ...guard, async (req, res) => {
    await renderList(req, res, null);
  });

  router.post('/admin/users', ...guard, async (req, res) => {
    const form = parseForm(createBody, req.body);
    try {
      const made = await createAccount(db, { username: form.username, displayName: form.name, role: form.role, agency: form.agency || null, mailbox: form.mailbox || null }, actorOf(req.auth!.user));
      if (!made.password) return res.redirect(303, `${userHref(made.username)}?ok=create`);
      // Shown once, in this response only: never in a URL, a flash cookie or a log.
      res.set('Cache-Control', 'no-store');
      await renderDetail(req, res, made.username, { newPassword: made.password, flash: { kind: 'ok', text: t(req.locale, 'users.done.create') } }, 201);
    } catch (e) {
      if (!(e instanceof ProvisioningError)) throw e;
      const { field, text } = fieldProblem(req.locale, e, { fields: FORM_FIELDS, fallback: null });
      await renderList(req, res, form, field ? { errors: { [field]: text }, flash: { kind: 'error', text: t(req.locale, 'users.create.failed') } } : { flash: { kind: 'error', text } }, e.status === 404 ? 422 : e.status);
    }
  });

  async function renderDetail(req: Request, res: Response, username: string, extra: Record<string, unknown> = {}, status = 200) {
    const actor = actorOf(req.auth!.user);
    const [account, trail] = await Promise.all([findAccount(db, username, actor), accountTrail(db, username, actor)])
      .catch((e: unknown) => Promise.reject(asPageProblem(req.locale, e)));
    const okKey = typeof req.query.ok === 'string' && ['create', ...ACTIONS].includes(req.query.ok) ? `users.done.${req.query.ok}` : null;
    res.status(status).render('pages/admin/user', {
      title: account.username, account, trail: trailLines(req.locale, trail), isSelf: account.username === actor.username,
      roles: roleOptions(req.locale, actor, account.role), scopes: scopeOptions(req.locale, actor, await agencyChoices(db, actor), account.agency ?? ''),
      ...(okKey ? { flash: { kind: 'ok', text: t(req.locale, okKey) } } : {}), ...extra,
    });
  }

  router.get('/admin/users/:username', ...guard, async (req, res) => {
    await renderDetail(req, res, parseParams(userParam, req.params).username);
  });

  // One route per action (role, disable, enable, unlock), so the route matrix names each.
  for (const action of ACTIONS) {
    router.post(`/admin/users/:username/${action}`, ...guard, async (req, res) => {
      const { username } = parseParams(userParam, req.params);
      const actor = actorOf(req.auth!.user);
      try {
        if (action === 'disable' && !isConfirmed(req.body)) return await askDisable(req, res, username, actor);
        await perform(action, username, req.body, actor);
        res.redirect(303, `${userHref(username)}?ok=${action}`);
      } catch (e) {
        const p = asPageProblem(req.locale, e);
        await renderDetail(req, res, username, { flash: { kind: 'error', text: p.text } }, p.status);
      }
    });
  }

  /** The confirmation page, after the same checks as the action (scope: 404; reach, self: 403). */
  async function askDisable(req: Request, res: Response, username: string, actor: Actor): Promise<void> {
    await assertMayChangeAccount(db, username, actor);
    const account = await findAccount(db, username, actor);
    const l = req.locale;
    renderConfirm(req, res, {
      title: t(l, 'users.confirm.disable.title'), question: t(l, 'users.confirm.disable.question', { username: account.username }),
      warning: t(l, 'users.confirm.disable.warning'), confirmLabel: t(l, 'users.confirm.disable.button'), cancelHref: userHref(account.username),
      facts: [{ label: t(l, 'users.col.username'), value: account.username }, { label: t(l, 'users.col.name'), value: account.name },
        { label: t(l, 'users.col.role'), value: `${t(l, `role.${account.role}`)} · ${account.agency ?? t(l, 'users.scope_province')}` }],
    });
  }

  async function perform(action: Action, username: string, body: unknown, actor: Actor): Promise<void> {
    switch (action) {
      case 'role': {
        const form = parseForm(roleBody, body);
        await setAccountRole(db, username, { role: form.role, agency: form.agency || null }, actor);
        return;
      }
      case 'disable':
        await disableAccount(db, username, actor);
        return;
      case 'enable':
        await enableAccount(db, username, actor);
        return;
      case 'unlock':
        await unlockAccount(db, username, actor);
        return;
    }
  }

  return router;
}
