// /admin/calendar?year=YYYY: the effective days off of a year (date-holidays VN public days, the legal extra
// days, and the admin's overrides: exactly what deadlines are counted on), the year's province overrides with
// add/remove (a holiday or substitute day off, or a swapped working Saturday), and the office hours.
// Province-wide admins only; every change is audited (services/sla/calendar-admin.ts).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireProvinceWide, requireRole } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import {
  addCalendarOverride, calendarYear, MAX_YEAR, MIN_YEAR, removeCalendarOverride, CalendarInputError,
} from '../../services/sla/index.js';
import { calendarView } from '../presenters/sla-admin-presenter.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import { dayField, dayFromInput } from '../forms/day-input.js';
import { formatDay } from '../view-helpers.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const yearQuery = z.object({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional().catch(undefined),
  done: z.enum(['added', 'removed']).optional().catch(undefined),
});
const overrideBody = z.object({
  date: dayField.refine(Boolean),
  kind: z.enum(['off', 'work']),
  reason: z.string().trim().min(1).max(500),
});
const dateParam = z.object({ date: z.string().regex(ISO_DATE) });
const thisYear = () => Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

export function adminCalendarRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin'), requireProvinceWide];

  const render = async (req: Request, res: Response, year: number, extra: Record<string, unknown> = {}, status = 200) => {
    res.status(status).render('pages/admin/calendar', { title: t(req.locale, 'calendar.title'), ...calendarView(await calendarYear(db, year), req.locale),
      values: { kind: 'off' }, ...extra });
  };

  router.get('/admin/calendar', ...guard, async (req, res) => {
    const q = yearQuery.parse(req.query);
    await render(req, res, q.year ?? thisYear(), q.done ? { flash: { kind: 'ok', text: t(req.locale, `calendar.done.${q.done}`) } } : {});
  });

  router.post('/admin/calendar', ...guard, async (req, res) => {
    const parsed = overrideBody.safeParse(req.body);
    const values = req.body as Record<string, unknown>;
    const yearOf = (d: unknown) => { const day = dayFromInput(d); return ISO_DATE.test(day) ? Number(day.slice(0, 4)) : thisYear(); };
    const year = Math.min(MAX_YEAR, Math.max(MIN_YEAR, yearOf(values.date)));
    const fail = (field: string) => render(req, res, year, { values, errors: { [field]: t(req.locale, `calendar.invalid.${field}`) } }, 422);
    if (!parsed.success) return fail(String(parsed.error.issues[0]!.path[0]));
    let added;
    try {
      added = await addCalendarOverride(db, parsed.data, req.auth!.user.username, { replace: isConfirmed(req.body) });
    } catch (e) {
      if (!(e instanceof CalendarInputError)) throw e;
      return fail(e.field);
    }
    if (!added.ok) {
      // The date already has an override: replacing it is asked, never silent.
      const l = req.locale;
      const { clash } = added;
      const kindOf = (k: string) => t(l, `calendar.kind.${k}`);
      return renderConfirm(req, res, { title: t(l, 'calendar.confirm_replace.title'),
        question: t(l, 'calendar.confirm_replace.question', { date: formatDay(clash.date) }),
        facts: [{ label: t(l, 'calendar.confirm_replace.now'), value: `${kindOf(clash.kind)}: ${clash.reason}` },
          { label: t(l, 'calendar.confirm_replace.new'), value: `${kindOf(parsed.data.kind)}: ${parsed.data.reason}` }],
        confirmLabel: t(l, 'calendar.confirm_replace.button'), cancelHref: `/admin/calendar?year=${parsed.data.date.slice(0, 4)}` });
    }
    res.redirect(303, `/admin/calendar?year=${parsed.data.date.slice(0, 4)}&done=added`);
  });

  router.post('/admin/calendar/:date/delete', ...guard, async (req, res) => {
    const parsed = dateParam.safeParse(req.params);
    if (!parsed.success) throw NotFound('override');
    const { date } = parsed.data;
    if (!isConfirmed(req.body)) {
      const override = (await calendarYear(db, Number(date.slice(0, 4)))).overrides.find((o) => o.date === date);
      if (!override) throw NotFound('override');
      const l = req.locale;
      return renderConfirm(req, res, { title: t(l, 'calendar.confirm_remove.title'), question: t(l, 'calendar.confirm_remove.question', { date: formatDay(date), reason: override.reason }),
        confirmLabel: t(l, 'calendar.confirm_remove.button'), cancelHref: `/admin/calendar?year=${date.slice(0, 4)}` });
    }
    if (!(await removeCalendarOverride(db, date, req.auth!.user.username))) throw NotFound('override');
    res.redirect(303, `/admin/calendar?year=${parsed.data.date.slice(0, 4)}&done=removed`);
  });

  return router;
}
