// Texts of the clock's automatic mail (reminder, escalation, referral notice), Vietnamese first then English,
// from views/mail/*.text.hbs. Plain text only, compiled with noEscape: no value is ever rendered as HTML.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { toLocalIso } from '../time/index.js';
import { baseStepId } from './sla-steps.js';

const VIEWS = fileURLToPath(new URL('../../../views/mail/', import.meta.url));
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export type SlaTemplate = 'sla-reminder' | 'sla-escalation' | 'referral-notice';

export function renderSlaMail(template: SlaTemplate, fields: Record<string, string>): string {
  let t = compiled.get(template);
  if (!t) compiled.set(template, (t = Handlebars.compile(fs.readFileSync(`${VIEWS}${template}.text.hbs`, 'utf8'), { noEscape: true })));
  return t(fields);
}

/** "2027-02-23 17:00 (GMT+7)" for mail bodies. */
export function localText(d: Date | null): string {
  return d ? `${toLocalIso(d).slice(0, 16).replace('T', ' ')} (GMT+7)` : '—';
}

const STEP_TEXT: Record<string, [string, string]> = {
  reminder_50: ['Hồ sơ đã dùng 50% thời hạn xử lý.', 'Half of the time limit has been used.'],
  reminder_80: ['Hồ sơ đã dùng 80% thời hạn xử lý.', '80% of the time limit has been used.'],
  due: ['Hồ sơ đến hạn xử lý ngay bây giờ.', 'The case is due now.'],
  overdue_1_working_day: ['Hồ sơ đã quá hạn xử lý 01 ngày làm việc.', 'The case is one working day overdue.'],
  first_response_due: ['Hồ sơ chưa được tiếp nhận xử lý và đã đến hạn tiếp nhận.', 'The case has reached its acceptance deadline without a first response.'],
};

export function stepTexts(step: string): { stepVi: string; stepEn: string } {
  // An extension's ladder ("reminder_50@x1") says the same as the first one.
  const [vi, en] = STEP_TEXT[baseStepId(step)] ?? [`Nhắc hạn: ${step}.`, `Reminder: ${step}.`];
  return { stepVi: vi, stepEn: en };
}
