/**
 * The shape of a triage rule and the zod schema an admin's rule form is checked with. Every error names
 * its field as a dotted path ("conditions.keywordsAny.2"), so the form can show it next to the input.
 */
import { z } from 'zod';
import {
  agencyCodeProblem, emailAddressProblem, mailDomainProblem, FEEDBACK_CATEGORIES, TICKET_CLASSES, type TicketClass,
} from '../org/index.js';
import { keywordTokens } from './text-keys.js';

export const TRIAGE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TriagePriority = (typeof TRIAGE_PRIORITIES)[number];
export type KeywordScope = 'subject' | 'body' | 'both';

/** All given conditions must hold (AND). A rule without conditions matches every mail (a catch-all). */
export interface TriageConditions {
  /** The hotline the mail arrived at; case-insensitive. */
  hotlineAddress?: string;
  /** The sender's domain or any subdomain of it: "gov.vn" matches "stc.hoabinh.gov.vn". */
  senderDomain?: string;
  /** At least one keyword occurs (whole words, ignoring case and tone marks). An empty list is no condition. */
  keywordsAny?: string[];
  /** Every keyword occurs, each anywhere in the scope. An empty list is no condition. */
  keywordsAll?: string[];
  /** None of these keywords occurs: for the wording that looks like the rule's but is not ("không có ý khiếu nại"). */
  keywordsNone?: string[];
  /** Where keywords are looked for; 'both' means subject or body (a phrase never spans the two). */
  in: KeywordScope;
  /** true: at least one attachment; false: none. */
  hasAttachment?: boolean;
  /** An extension ("pdf", ".docx": file name or MIME subtype) or a MIME type ("application/pdf", "image/*"). */
  attachmentType?: string;
}

/**
 * What a matching rule sets on the ticket. After it, evaluation stops, unless `continue` is set: then later rules
 * are tried too and may set what is still unset (a class rule, then a category rule). An empty set without
 * `continue` is a "stop" rule: later rules are not tried.
 */
export interface TriageActions {
  class?: TicketClass['code'];
  category?: string;
  priority?: TriagePriority;
  agencyCode?: string;
  /** A user of the agency; exclusive with `team`. */
  assignee?: string;
  /** A team whose members share the work by the agency's auto-assignment strategy. */
  team?: string;
  /** Go on to the next rules for the fields this one leaves unset (an earlier rule's field is never overwritten). */
  continue?: boolean;
}

/** The fields rules set on a ticket, as one evaluation leaves them (continue is how rules chain, not a field). */
export type TriageSettings = Omit<TriageActions, 'continue'>;

export interface TriageRule {
  id: string;
  name: string;
  /** Applied in ascending position (ties by id); the first match wins. */
  position: number;
  enabled: boolean;
  conditions: TriageConditions;
  actions: TriageActions;
}

const MAX_KEYWORDS = 200;
const MAX_KEYWORD_CHARS = 100;
const ATTACHMENT_TYPE_RE = /^(?:\.?[a-z0-9]{1,10}|[a-z]+\/(?:\*|[a-z0-9][a-z0-9.+-]*))$/;

const asEnum = (codes: readonly string[]): [string, ...string[]] => codes as [string, ...string[]];
const CLASS_CODES = TICKET_CLASSES.map((c) => c.code) as [TicketClass['code'], ...TicketClass['code'][]];
const CATEGORY_CODES = asEnum(FEEDBACK_CATEGORIES.map((c) => c.code));

/** Turns a `problem(value)` checker (null = fine) into a zod refinement on the current field. */
const checkedBy = (problem: (value: string) => string | { message: string } | null) => (value: string, ctx: z.RefinementCtx) => {
  const found = problem(value);
  if (found !== null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: typeof found === 'string' ? found : found.message });
};

// One problem per keyword: a blank keyword is "empty", not also "needs a letter".
function keywordProblem(k: string): string | null {
  if (k === '') return 'is empty';
  if (k.length > MAX_KEYWORD_CHARS) return `is longer than ${MAX_KEYWORD_CHARS} characters`;
  return keywordTokens(k).length === 0 ? 'needs at least one letter or digit' : null;
}
const keyword = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .superRefine(checkedBy(keywordProblem));
const keywordList = z.array(keyword).max(MAX_KEYWORDS, `has more than ${MAX_KEYWORDS} keywords`).optional();
const lowerTrimmed = z.string().transform((s) => s.trim().toLowerCase());

const conditionsSchema = z
  .object({
    hotlineAddress: lowerTrimmed.superRefine(checkedBy(emailAddressProblem)).optional(),
    senderDomain: lowerTrimmed
      .transform((s) => s.replace(/^@/, ''))
      .superRefine(checkedBy(mailDomainProblem))
      .optional(),
    keywordsAny: keywordList,
    keywordsAll: keywordList,
    keywordsNone: keywordList,
    in: z.enum(['subject', 'body', 'both']).default('both'),
    hasAttachment: z.boolean().optional(),
    attachmentType: lowerTrimmed
      .refine((s) => ATTACHMENT_TYPE_RE.test(s), 'must be an extension such as "pdf" or a MIME type such as "image/*"')
      .optional(),
  })
  .strict();

const actionsSchema = z
  .object({
    class: z.enum(CLASS_CODES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    priority: z.enum(TRIAGE_PRIORITIES).optional(),
    agencyCode: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .superRefine(checkedBy(agencyCodeProblem))
      .optional(),
    assignee: z.string().trim().min(1, 'is empty').max(190).optional(),
    team: z.string().trim().min(1, 'is empty').max(64).optional(),
    continue: z.boolean().optional(),
  })
  .strict()
  .superRefine((actions, ctx) => {
    if (actions.assignee !== undefined && actions.team !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['assignee'], message: 'set an assignee or a team, not both' });
    }
    if (actions.continue && Object.keys(actions).length === 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['continue'], message: 'a rule that continues must set something' });
    }
  });

export const triageRuleSchema: z.ZodType<TriageRule, z.ZodTypeDef, unknown> = z
  .object({
    id: z.string().trim().min(1, 'is empty').max(64),
    name: z.string().transform((s) => s.normalize('NFC').trim()).pipe(z.string().min(1, 'is empty').max(200)),
    position: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
    enabled: z.boolean().default(true),
    conditions: conditionsSchema,
    actions: actionsSchema,
  })
  .strict();

export interface RuleFieldError {
  /** Dotted path of the form field, e.g. "conditions.senderDomain" or "conditions.keywordsAny.2". */
  field: string;
  message: string;
}

export type RuleValidation = { ok: true; rule: TriageRule } | { ok: false; errors: RuleFieldError[] };

/** Validates and normalises (NFC, trimmed, lower-case addresses, upper-case agency code) a rule from a form or the DB. */
export function validateRule(input: unknown): RuleValidation {
  const result = triageRuleSchema.safeParse(input);
  if (result.success) return { ok: true, rule: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'rule', message: issue.message })),
  };
}
