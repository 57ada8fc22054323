/**
 * Applies an admin's triage rules to one inbound mail. Pure: the caller loads the rules and the mail.
 * The trace says, rule by rule, why it did or did not fire; the rules page's tester shows it as is.
 */
import { textKey } from './text-keys.js';
import { keywordsIn, keywordVocabulary, type KeywordVocabulary } from './keyword-index.js';
import type { KeywordScope, TriageConditions, TriageRule, TriageSettings } from './rule-schema.js';

export { TRIAGE_PRIORITIES, triageRuleSchema, validateRule } from './rule-schema.js';
export type {
  KeywordScope, RuleFieldError, RuleValidation, TriageActions, TriageConditions, TriagePriority, TriageRule, TriageSettings,
} from './rule-schema.js';

export interface TriageMail {
  /** The hotline address the mail arrived at. */
  hotlineAddress: string;
  /** The sender, bare ("a@b.vn") or with a display name ("Nguyễn Văn A <a@b.vn>"). */
  from: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
  /** The folded keys, when the caller has them already (the ingestion's prepare thread). */
  keys?: TriageKeys;
}

/** textKey(subject) and textKey(text), and their keyWords when known. */
export interface TriageKeys { subject: string; text: string; subjectWords?: Int32Array; textWords?: Int32Array }

export interface RuleTrace {
  ruleId: string;
  matched: boolean;
  /** Stable and log-friendly: `<reason>` or `<reason>:<evidence>`, several joined by "; ". */
  why: string;
}

export interface TriageResult {
  /** The first rule that fired (its id is the ticket's triage_rule), or null. */
  matched: TriageRule | null;
  /** Every rule that fired, in order: the first, then those tried because the one before said `continue`. */
  fired: TriageRule[];
  /** What the fired rules set, each field by the first of them that sets it; {} when none fired (the caller applies its defaults). */
  actions: TriageSettings;
  trace: RuleTrace[];
}

interface MailKeys {
  hotline: string;
  senderDomain: string;
  /** the rule set's keywords found in the subject, and in the body */
  subject: Set<string>;
  body: Set<string>;
  attachments: { extension: string; contentType: string }[];
}

/** Rules in the order they are applied: ascending position, then id, so equal positions stay deterministic. */
export function orderRules(rules: readonly TriageRule[]): TriageRule[] {
  return [...rules].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The first enabled rule, in position order, whose conditions all hold; if its actions say `continue`, the next
 * such rule too, and so on until one that does not. Each field is set by the first fired rule that sets it.
 * Rules after the one that stopped are traced as not evaluated.
 */
export function evaluateRules(rules: readonly TriageRule[], mail: TriageMail): TriageResult {
  const keys = mailKeys(mail, vocabularyOf(rules));
  const trace: RuleTrace[] = [];
  const fired: TriageRule[] = [];
  const actions: TriageSettings = {};
  let stoppedBy: TriageRule | null = null;
  for (const rule of orderRules(rules)) {
    if (stoppedBy !== null) {
      trace.push({ ruleId: rule.id, matched: false, why: `not_evaluated:${stoppedBy.id}_matched_first` });
    } else if (!rule.enabled) {
      trace.push({ ruleId: rule.id, matched: false, why: 'disabled' });
    } else {
      const check = checkConditions(rule.conditions, keys);
      trace.push({ ruleId: rule.id, matched: check.ok, why: check.why });
      if (!check.ok) continue;
      fired.push(rule);
      fillUnset(actions, rule.actions);
      if (!rule.actions.continue) stoppedBy = rule;
    }
  }
  return { matched: fired[0] ?? null, fired, actions, trace };
}

const FIELDS = ['class', 'category', 'priority', 'agencyCode'] as const;

/** Copies the fields `from` sets that `into` has not set yet; assignee and team are one field (who gets it). */
function fillUnset(into: TriageSettings, from: TriageRule['actions']): void {
  for (const field of FIELDS) if (into[field] === undefined && from[field] !== undefined) (into as Record<string, unknown>)[field] = from[field];
  if (into.assignee === undefined && into.team === undefined) {
    if (from.assignee !== undefined) into.assignee = from.assignee;
    else if (from.team !== undefined) into.team = from.team;
  }
}

// Rule lists are loaded once and evaluated against many mails (a whole ingestion group), so per list, once.
const vocabularies = new WeakMap<readonly TriageRule[], KeywordVocabulary>();

function vocabularyOf(rules: readonly TriageRule[]): KeywordVocabulary {
  let vocabulary = vocabularies.get(rules);
  if (!vocabulary) {
    vocabulary = keywordVocabulary(rules.flatMap((r) => [...(r.conditions.keywordsAll ?? []), ...(r.conditions.keywordsAny ?? []),
      ...(r.conditions.keywordsNone ?? [])]));
    vocabularies.set(rules, vocabulary);
  }
  return vocabulary;
}

function mailKeys(mail: TriageMail, vocabulary: KeywordVocabulary): MailKeys {
  const keys = mail.keys ?? { subject: textKey(mail.subject), text: textKey(mail.text) };
  return {
    hotline: mail.hotlineAddress.trim().toLowerCase(),
    senderDomain: senderDomainOf(mail.from),
    subject: keywordsIn(keys.subject, vocabulary, keys.subjectWords),
    body: keywordsIn(keys.text, vocabulary, keys.textWords),
    attachments: mail.attachments.map((a) => ({
      extension: extensionOf(a.filename),
      contentType: a.contentType.split(';')[0]!.trim().toLowerCase(),
    })),
  };
}

/** Lower-case domain of a bare or display-name address; '' when there is no '@'. */
export function senderDomainOf(from: string): string {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).trim().toLowerCase();
}

type Check = { ok: boolean; why: string };

// Cheap, exact conditions first, so the trace names the most obvious reason a rule did not fire.
function checkConditions(c: TriageConditions, mail: MailKeys): Check {
  const reasons: string[] = [];
  if (c.hotlineAddress !== undefined) {
    if (mail.hotline !== c.hotlineAddress.trim().toLowerCase()) return fail(`hotline_mismatch:${mail.hotline}`);
    reasons.push('hotline');
  }
  if (c.senderDomain !== undefined) {
    const domain = c.senderDomain.trim().toLowerCase().replace(/^@/, '');
    const ok = mail.senderDomain === domain || mail.senderDomain.endsWith('.' + domain);
    if (!ok) return fail(`sender_domain_mismatch:${mail.senderDomain || 'none'}`);
    reasons.push(`sender_domain:${mail.senderDomain}`);
  }
  if (c.hasAttachment !== undefined) {
    const has = mail.attachments.length > 0;
    if (has !== c.hasAttachment) return fail(has ? 'has_attachment' : 'no_attachment');
    reasons.push(has ? 'has_attachment' : 'no_attachment');
  }
  if (c.attachmentType !== undefined) {
    const type = c.attachmentType.trim().toLowerCase();
    if (!mail.attachments.some((a) => attachmentIs(a, type))) return fail(`attachment_type_missing:${type}`);
    reasons.push(`attachment_type:${type}`);
  }
  for (const kw of c.keywordsAll ?? []) {
    const where = foundIn(kw, c.in, mail);
    if (where === null) return fail(`keyword_missing:${kw}`);
    reasons.push(`keyword:${kw}@${where}`);
  }
  if (c.keywordsAny !== undefined && c.keywordsAny.length > 0) {
    const hit = c.keywordsAny.map((kw) => [kw, foundIn(kw, c.in, mail)] as const).find(([, where]) => where);
    if (hit === undefined) return fail(`no_keyword_any:${c.in}`);
    reasons.push(`keyword:${hit[0]}@${hit[1]}`);
  }
  for (const kw of c.keywordsNone ?? []) {
    const where = foundIn(kw, c.in, mail);
    if (where !== null) return fail(`keyword_excluded:${kw}@${where}`);
  }
  return { ok: true, why: reasons.length === 0 ? 'no_conditions' : reasons.join('; ') };
}

const fail = (why: string): Check => ({ ok: false, why });

function foundIn(keyword: string, scope: KeywordScope, mail: MailKeys): 'subject' | 'body' | null {
  if (scope !== 'body' && mail.subject.has(keyword)) return 'subject';
  if (scope !== 'subject' && mail.body.has(keyword)) return 'body';
  return null;
}

function attachmentIs(a: { extension: string; contentType: string }, type: string): boolean {
  if (!type.includes('/')) {
    // "pdf" also catches a scan named "scan" sent as application/pdf: phones often drop the extension.
    const ext = type.replace(/^\./, '');
    return a.extension === ext || a.contentType.endsWith('/' + ext);
  }
  if (type.endsWith('/*')) return a.contentType.startsWith(type.slice(0, -1));
  return a.contentType === type;
}
