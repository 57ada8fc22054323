// /admin/rules: the triage rules in the order they run, with create/edit, enable/disable, move up/down and
// delete, plus the tester (paste a raw mail, see which rule fires and why). Province-wide admins only: a rule
// can route mail to any agency. Every change is audited by services/triage/rule-admin.ts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireProvinceWide, requireRole } from '../middleware/auth.js';
import { BadRequest, NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import {
  listRules, getRule, testRulesOnPaste, agencyChoices, createRule, defaultPlaceBefore, moveRule, removeRule, setRuleEnabled, updateRule,
  type RuleChange,
} from '../../services/triage/index.js';
import { draftFromForm, formValues, problemsByField, ruleFormBody, type NestedValues } from '../forms/rule-form.js';
import { placeView, ruleFormChoices, ruleFormErrors, ruleRows, testerView } from '../presenters/rule-presenter.js';
import { isConfirmed, renderConfirm } from '../confirm.js';

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) });
const testerBody = z.object({ raw: z.string().min(1).max(1_000_000), hotline: z.string().trim().max(190).default('') });
/** The new rule's place: '' (the default, before the seed rules), 'end', or the id of the rule it goes before. */
const placeBody = z.object({ position: z.string().trim().max(64).catch('').default('') });
const moveBody = z.object({ direction: z.enum(['up', 'down']) });
const enabledBody = z.object({ enabled: z.enum(['0', '1']) });
const DONE = ['created', 'updated', 'moved', 'enabled', 'disabled', 'deleted'] as const;
/** A button's fixed value that does not parse is a forged or broken request, not a form error. */
const fixed = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw BadRequest();
  return parsed.data;
};
const doneQuery = z.object({ done: z.enum(DONE).optional().catch(undefined) });

export function adminRuleRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin'), requireProvinceWide];
  const actor = (req: Request) => req.auth!.user.username;
  const idOf = (req: Request) => {
    const parsed = idParam.safeParse(req.params);
    if (!parsed.success) throw NotFound('rule');
    return parsed.data.id;
  };

  const renderList = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const rules = await listRules(db);
    const { done } = doneQuery.parse(req.query);
    res.status(status).render('pages/admin/rules', { title: t(req.locale, 'rules.title'), rules: ruleRows(rules, req.locale),
      flash: done ? { kind: 'ok', text: t(req.locale, `rules.done.${done}`) } : undefined, tester: { raw: '', hotline: '' }, ...extra });
  };

  const renderForm = async (req: Request, res: Response, rule: { id: string | null; values: NestedValues }, extra: Record<string, unknown> = {}, status = 200) => {
    // A new rule's place is chosen on the form; an existing one moves with up/down on the list.
    const rules = rule.id ? [] : await listRules(db);
    const place = rule.id ? {} : placeView(rules, placeBody.parse(req.body ?? {}).position, defaultPlaceBefore(rules), rule.values.name, req.locale);
    res.status(status).render('pages/admin/rule-form', { title: t(req.locale, rule.id ? 'rules.edit' : 'rules.new'), id: rule.id,
      action: rule.id ? `/admin/rules/${encodeURIComponent(rule.id)}` : '/admin/rules', values: rule.values,
      ...ruleFormChoices(req.locale, rule.values, await agencyChoices(db)), ...place, ...extra });
  };

  /** Saves from the form; validation errors re-render it with the typed values and the errors by their fields. */
  const save = (run: (req: Request, draft: ReturnType<typeof draftFromForm>) => Promise<RuleChange | null>, done: 'created' | 'updated') =>
    async (req: Request, res: Response) => {
      const form = fixed(ruleFormBody, req.body);
      const result = await run(req, draftFromForm(form));
      if (result === null) throw NotFound('rule');
      if (!result.ok) {
        const id = done === 'updated' ? idOf(req) : null;
        return renderForm(req, res, { id, values: formValues(form) }, { errors: ruleFormErrors(problemsByField(result.errors), req.locale) }, 422);
      }
      res.redirect(303, `/admin/rules?done=${done}`);
    };

  router.get('/admin/rules', ...guard, (req, res) => renderList(req, res));
  router.get('/admin/rules/new', ...guard, (req, res) =>
    renderForm(req, res, { id: null, values: formValues({ name: '', conditions: { in: 'both' }, actions: {} }) }));
  router.post('/admin/rules', ...guard, save((req, draft) => {
    const { position } = placeBody.parse(req.body);
    return createRule(db, draft, actor(req), position === '' ? undefined : position === 'end' ? null : position);
  }, 'created'));

  // The tester reads the rules as stored, so what it shows is what the next mail gets.
  router.post('/admin/rules/test', ...guard, async (req, res) => {
    const parsed = testerBody.safeParse(req.body);
    const submitted = { raw: String((req.body as { raw?: unknown }).raw ?? ''), hotline: String((req.body as { hotline?: unknown }).hotline ?? '') };
    if (!parsed.success) return renderList(req, res, { tester: { ...submitted, error: t(req.locale, 'rules.tester.empty') } }, 422);
    const result = await testRulesOnPaste(db, parsed.data.raw, parsed.data.hotline || null);
    await renderList(req, res, { tester: { ...submitted, result: testerView(result, await listRules(db), req.locale) } });
  });

  router.get('/admin/rules/:id', ...guard, async (req, res) => {
    const rule = await getRule(db, idOf(req));
    if (!rule) throw NotFound('rule');
    await renderForm(req, res, { id: rule.id, values: formValues(rule) }, { enabled: rule.enabled });
  });
  router.post('/admin/rules/:id', ...guard, save((req, draft) => updateRule(db, idOf(req), draft, actor(req)), 'updated'));

  router.post('/admin/rules/:id/enabled', ...guard, async (req, res) => {
    const { enabled } = fixed(enabledBody, req.body);
    if (!(await setRuleEnabled(db, idOf(req), enabled === '1', actor(req)))) throw NotFound('rule');
    res.redirect(303, `/admin/rules?done=${enabled === '1' ? 'enabled' : 'disabled'}`);
  });
  router.post('/admin/rules/:id/move', ...guard, async (req, res) => {
    const { direction } = fixed(moveBody, req.body);
    await moveRule(db, idOf(req), direction, actor(req)); // at the top already: nothing to do, same page
    res.redirect(303, '/admin/rules?done=moved');
  });
  router.post('/admin/rules/:id/delete', ...guard, async (req, res) => {
    if (!isConfirmed(req.body)) {
      const rule = await getRule(db, idOf(req));
      if (!rule) throw NotFound('rule');
      const l = req.locale;
      return renderConfirm(req, res, { title: t(l, 'rules.confirm_delete.title'), question: t(l, 'rules.confirm_delete.question', { name: rule.name }),
        warning: t(l, 'rules.confirm_delete.warning'), confirmLabel: t(l, 'rules.confirm_delete.button'), cancelHref: '/admin/rules' });
    }
    if (!(await removeRule(db, idOf(req), actor(req)))) throw NotFound('rule');
    res.redirect(303, '/admin/rules?done=deleted');
  });

  return router;
}
