// The variables an answer template, the letter head and the signature may use, and their filling. Pure.
// Names are Vietnamese without tone marks, so an officer reads them as words and types them on any keyboard:
//   {{ten_cong_dan}}   the citizen's name (their address when the mail gave no name)
//   {{ma_ho_so}}       the case ref, e.g. STP-2026-000123
//   {{han_giai_quyet}} the resolution deadline, dd/mm/yyyy HH:MM province time (empty while none)
//   {{can_bo}}         the officer sending the reply
//   {{co_quan}}        the agency's name
import { toLocalIso } from '../time/index.js';

export const TEMPLATE_VARIABLES = ['ten_cong_dan', 'ma_ho_so', 'han_giai_quyet', 'can_bo', 'co_quan'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Variables a text names that do not exist (a typo would otherwise reach the citizen as braces). */
export function unknownVariables(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !(TEMPLATE_VARIABLES as readonly string[]).includes(n)))];
}

/** Every known {{variable}} replaced by its value; unknown ones are left for the officer to see and fix. */
export function fillVariables(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => ((TEMPLATE_VARIABLES as readonly string[]).includes(name) ? values[name as TemplateVariable] : whole));
}

/** "30/04/2027 17:00" in province time, as Vietnamese letters write dates. */
export function deadlineText(due: Date | null): string {
  if (!due) return '';
  const iso = toLocalIso(due);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

export function templateValues(input: { citizenName: string | null; citizenAddress: string; ref: string; dueAt: Date | null; officer: string; agency: string }): TemplateValues {
  return {
    ten_cong_dan: input.citizenName?.trim() || input.citizenAddress,
    ma_ho_so: input.ref,
    han_giai_quyet: deadlineText(input.dueAt),
    can_bo: input.officer,
    co_quan: input.agency,
  };
}

/** The letter as sent: the agency's head, the officer's text, the agency's signature (blank parts left out). */
export function composeLetter(parts: { header: string | null; body: string; signature: string | null }, values: TemplateValues): string {
  return [parts.header, parts.body, parts.signature]
    .map((p) => (p ? fillVariables(p, values).replace(/\r\n?/g, '\n').trim() : ''))
    .filter(Boolean).join('\n\n');
}
