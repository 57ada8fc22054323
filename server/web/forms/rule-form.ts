// The triage rule form, flat HTML fields ↔ the nested rule validateRule checks. Pure. Input names are the
// rule's dotted paths ("conditions.keywordsAny"), so validateRule's error fields land next to their input;
// a keyword's index ("conditions.keywordsAny.2") becomes "keyword 3" in the message.
import { z } from 'zod';
import type { RuleFieldError, TriageRule } from '../../services/triage/index.js';

const TEXT_FIELDS = ['conditions.hotlineAddress', 'conditions.senderDomain', 'conditions.attachmentType', 'actions.class', 'actions.category',
  'actions.priority', 'actions.agencyCode', 'actions.assignee', 'actions.team'] as const;
const LIST_FIELDS = ['conditions.keywordsAny', 'conditions.keywordsAll', 'conditions.keywordsNone'] as const;
export const RULE_FORM_FIELDS = ['name', ...TEXT_FIELDS, ...LIST_FIELDS, 'conditions.in', 'conditions.hasAttachment', 'actions.continue'] as const;

/** The route's zod check: every field a bounded string; unknown fields are dropped. */
export const ruleFormBody = z.object(Object.fromEntries(RULE_FORM_FIELDS.map((f) => [f, z.string().max(20_000).default('')]))) as unknown as
  z.ZodType<Record<(typeof RULE_FORM_FIELDS)[number], string>, z.ZodTypeDef, unknown>;

export type RuleForm = z.infer<typeof ruleFormBody>;
export type RuleDraft = Pick<TriageRule, 'name' | 'conditions' | 'actions'>;

/** Keywords one per line or separated by commas; a phrase keeps its spaces. */
export function splitKeywords(text: string): string[] {
  return text.split(/[\n,;]/).map((k) => k.trim()).filter((k) => k !== '');
}

function setPath(into: Record<string, Record<string, unknown>>, path: string, value: unknown): void {
  const [group, key] = path.split('.') as [string, string];
  (into[group] ??= {})[key] = value;
}

/** Blank fields are "no condition" / "no action"; validateRule does the checking. */
export function draftFromForm(form: RuleForm): RuleDraft {
  const out: Record<string, Record<string, unknown>> = { conditions: { in: form['conditions.in'] || 'both' }, actions: {} };
  for (const f of TEXT_FIELDS) if (form[f].trim() !== '') setPath(out, f, form[f]);
  for (const f of LIST_FIELDS) {
    const list = splitKeywords(form[f]);
    if (list.length) setPath(out, f, list);
  }
  const attachment = form['conditions.hasAttachment'];
  if (attachment === 'yes' || attachment === 'no') out.conditions!.hasAttachment = attachment === 'yes';
  if (form['actions.continue'] === 'yes') out.actions!.continue = true;
  return { name: form.name, conditions: out.conditions as unknown as RuleDraft['conditions'],
    actions: out.actions as RuleDraft['actions'] };
}

export interface NestedValues {
  name: string;
  conditions: Record<string, string>;
  actions: Record<string, string>;
}

/** What the form shows for a stored rule (or a rejected submission, as typed). */
export function formValues(source: RuleDraft | RuleForm): NestedValues {
  if ('conditions.in' in source) {
    const v: NestedValues = { name: source.name, conditions: {}, actions: {} };
    for (const f of RULE_FORM_FIELDS) if (f !== 'name') setPath(v as never, f, source[f]);
    return v;
  }
  const c = source.conditions;
  return {
    name: source.name,
    conditions: { hotlineAddress: c.hotlineAddress ?? '', senderDomain: c.senderDomain ?? '', attachmentType: c.attachmentType ?? '',
      keywordsAny: (c.keywordsAny ?? []).join('\n'), keywordsAll: (c.keywordsAll ?? []).join('\n'), keywordsNone: (c.keywordsNone ?? []).join('\n'), in: c.in,
      hasAttachment: c.hasAttachment === undefined ? '' : c.hasAttachment ? 'yes' : 'no' },
    actions: Object.fromEntries(Object.entries(source.actions).map(([k, v]) => [k, k === 'continue' ? (v ? 'yes' : '') : String(v ?? '')])),
  };
}

export interface FieldProblem {
  /** the form field, e.g. "conditions.keywordsAny" (one of RULE_FORM_FIELDS, or "rule") */
  field: string;
  /** 1-based keyword number for list fields */
  item?: number;
  message: string;
}

/** validateRule's dotted errors → one problem per form field (the first wins). */
export function problemsByField(errors: readonly RuleFieldError[]): FieldProblem[] {
  const seen = new Map<string, FieldProblem>();
  for (const e of errors) {
    const [group, key, index] = e.field.split('.');
    const field = key !== undefined && (RULE_FORM_FIELDS as readonly string[]).includes(`${group}.${key}`) ? `${group}.${key}`
      : (RULE_FORM_FIELDS as readonly string[]).includes(group!) ? group! : 'rule';
    if (!seen.has(field)) seen.set(field, { field, message: e.message, ...(index !== undefined && /^\d+$/.test(index) ? { item: Number(index) + 1 } : {}) });
  }
  return [...seen.values()];
}
