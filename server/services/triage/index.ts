// Which class, category, agency and agent a new hotline mail gets: the rules, their admin, and applying them.
export { agentsOf, routedAgencyId, testRulesOnPaste, testRulesOnRaw, triageChanges, triageEvent, triageMailOf } from './apply-triage.js';
export type { TriageChanges } from './apply-triage.js';
export { pickAssignee } from './assignment.js';
export { keyWords } from './keyword-index.js';
export { agencyChoices, createRule, defaultPlaceBefore, moveRule, removeRule, setRuleEnabled, updateRule } from './rule-admin.js';
export type { RuleChange } from './rule-admin.js';
export { TRIAGE_PRIORITIES } from './rule-schema.js';
export type { RuleFieldError, TriageRule } from './rule-schema.js';
export { getRule, listRules } from './rule-store.js';
export { evaluateRules } from './rules.js';
export type { TriageKeys, TriageMail, TriageResult } from './rules.js';
export { textKey } from './text-keys.js';
