// The rules page's rows, the rule form's choices and the tester's result, with labels in the page's language.
// Mail text and rule keywords stay plain strings: the templates escape them ({{ }}), nothing is marked safe.
import { t, type Locale } from '../../i18n/index.js';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../services/org/index.js';
import { TRIAGE_PRIORITIES, type TriageResult, type TriageRule, type TriageMail } from '../../services/triage/index.js';
import type { FieldProblem, NestedValues } from '../forms/rule-form.js';
import { whyText } from './rule-why.js';

const className = (code: string | undefined, locale: Locale) => TICKET_CLASSES.find((c) => c.code === code)?.[locale] ?? code ?? '';
const categoryName = (code: string | undefined, locale: Locale) => FEEDBACK_CATEGORIES.find((c) => c.code === code)?.[locale] ?? code ?? '';

/** "từ khoá: đám cháy, cháy rừng · có tệp đính kèm" */
function conditionText(r: TriageRule, locale: Locale): string {
  const c = r.conditions;
  const parts: string[] = [];
  if (c.hotlineAddress) parts.push(t(locale, 'rules.summary.hotline', { v: c.hotlineAddress }));
  if (c.senderDomain) parts.push(t(locale, 'rules.summary.sender', { v: c.senderDomain }));
  if (c.keywordsAny?.length) parts.push(t(locale, 'rules.summary.any', { v: c.keywordsAny.join(', '), in: t(locale, `rules.in.${c.in}`) }));
  if (c.keywordsAll?.length) parts.push(t(locale, 'rules.summary.all', { v: c.keywordsAll.join(', '), in: t(locale, `rules.in.${c.in}`) }));
  if (c.keywordsNone?.length) parts.push(t(locale, 'rules.summary.none', { v: c.keywordsNone.join(', '), in: t(locale, `rules.in.${c.in}`) }));
  if (c.hasAttachment !== undefined) parts.push(t(locale, c.hasAttachment ? 'rules.attachment.yes' : 'rules.attachment.no'));
  if (c.attachmentType) parts.push(t(locale, 'rules.summary.type', { v: c.attachmentType }));
  return parts.length ? parts.join(' · ') : t(locale, 'rules.summary.catch_all');
}

function actionText(r: Pick<TriageRule, 'actions'>, locale: Locale): string {
  const a = r.actions;
  const parts = [
    a.class && className(a.class, locale), a.category && categoryName(a.category, locale),
    a.priority && t(locale, `rules.priority.${a.priority}`), a.agencyCode && t(locale, 'rules.summary.agency', { v: a.agencyCode }),
    a.assignee && t(locale, 'rules.summary.assignee', { v: a.assignee }), a.team && t(locale, 'rules.summary.team', { v: a.team }),
  ].filter((p): p is string => Boolean(p));
  if (!parts.length) return t(locale, 'rules.summary.stop');
  return a.continue ? `${parts.join(' · ')} → ${t(locale, 'rules.summary.continue')}` : parts.join(' · ');
}

export function ruleRows(rules: readonly TriageRule[], locale: Locale) {
  return rules.map((r, i) => ({ id: r.id, name: r.name, enabled: r.enabled, order: i + 1, first: i === 0, last: i === rules.length - 1,
    conditions: conditionText(r, locale), actions: actionText(r, locale), href: `/admin/rules/${encodeURIComponent(r.id)}` }));
}

const option = (value: string, label: string, selected: string | undefined) => ({ value, label, selected: value === (selected ?? '') });

/** The selects of the rule form, with the current values selected. */
export function ruleFormChoices(locale: Locale, v: NestedValues, agencies: { code: string; name: string }[]) {
  const none = (key: string) => option('', t(locale, key), undefined);
  return {
    classes: [none('rules.keep'), ...TICKET_CLASSES.map((c) => option(c.code, c[locale], v.actions.class))],
    categories: [none('rules.keep'), ...FEEDBACK_CATEGORIES.map((c) => option(c.code, c[locale], v.actions.category))],
    priorities: [none('rules.keep'), ...TRIAGE_PRIORITIES.map((p) => option(p, t(locale, `rules.priority.${p}`), v.actions.priority))],
    agencies: [none('rules.keep_agency'), ...agencies.map((a) => option(a.code, `${a.code} · ${a.name}`, v.actions.agencyCode))],
    scopes: ['both', 'subject', 'body'].map((s) => option(s, t(locale, `rules.in.${s}`), v.conditions.in || 'both')),
    attachments: [option('', t(locale, 'rules.attachment.any'), v.conditions.hasAttachment), option('yes', t(locale, 'rules.attachment.yes'), v.conditions.hasAttachment),
      option('no', t(locale, 'rules.attachment.no'), v.conditions.hasAttachment)],
    then: [option('', t(locale, 'rules.then.stop'), v.actions.continue), option('yes', t(locale, 'rules.then.continue'), v.actions.continue)],
  };
}

/**
 * Where a new rule goes: one option per place ("n. before «rule»", then "at the end"), the chosen one selected (by
 * default `defaultBefore`, before the seed rules), and the order that gives, as a preview with the new rule marked.
 */
export function placeView(rules: readonly Pick<TriageRule, 'id' | 'name'>[], chosen: string, defaultBefore: string | null, newName: string, locale: Locale) {
  const known = chosen === 'end' || rules.some((r) => r.id === chosen);
  const selected = known ? chosen : (defaultBefore ?? 'end');
  const at = selected === 'end' ? rules.length : rules.findIndex((r) => r.id === selected);
  const name = newName.trim() || t(locale, 'rules.place.this_rule');
  const order = [...rules.slice(0, at).map((r) => ({ name: r.name, isNew: false })), { name, isNew: true }, ...rules.slice(at).map((r) => ({ name: r.name, isNew: false }))];
  return {
    places: [...rules.map((r, i) => ({ value: r.id, label: t(locale, 'rules.place.before', { n: i + 1, name: r.name }), selected: r.id === selected })),
      { value: 'end', label: t(locale, 'rules.place.end', { n: rules.length + 1 }), selected: selected === 'end' }],
    placeSummary: at < rules.length ? t(locale, 'rules.place.summary', { n: at + 1, next: rules[at]!.name }) : t(locale, 'rules.place.summary_end', { n: at + 1 }),
    preview: order.map((o, i) => ({ ...o, order: i + 1 })),
  };
}

/** Form errors as nested objects, so the template reads errors.conditions.keywordsAny. */
export function ruleFormErrors(problems: readonly FieldProblem[], locale: Locale): Record<string, unknown> {
  const out: Record<string, Record<string, string> | string> = {};
  for (const p of problems) {
    const text = `${t(locale, `rules.invalid.${p.field}`)}${p.item ? ` ${t(locale, 'rules.invalid.item', { n: p.item })}` : ''}`;
    const [group, key] = p.field.split('.');
    if (key === undefined) out[group!] = text;
    else ((out[group!] ??= {}) as Record<string, string>)[key] = text;
  }
  return out;
}

export function testerView(result: TriageResult & { mail: TriageMail; bodyOnly?: boolean }, rules: readonly TriageRule[], locale: Locale) {
  const nameOf = new Map(rules.map((r) => [r.id, r.name]));
  return {
    /** the paste had no header block: it was read whole as the body (no sender, no subject) */
    bodyOnly: Boolean(result.bodyOnly),
    matched: result.matched ? { id: result.matched.id, name: result.matched.name, actions: actionText(result.matched, locale) } : null,
    /** every rule that fired (a rule that continues, then the next), and what they set together */
    fired: result.fired.map((r) => ({ id: r.id, name: r.name, actions: actionText(r, locale) })),
    outcome: actionText({ actions: result.actions }, locale),
    trace: result.trace.map((tr) => ({ ...tr, name: nameOf.get(tr.ruleId) ?? tr.ruleId, whyText: whyText(locale, tr.matched, tr.why) })),
    mail: { from: result.mail.from, subject: result.mail.subject, hotline: result.mail.hotlineAddress, excerpt: result.mail.text.slice(0, 2000),
      attachments: result.mail.attachments.length },
  };
}
