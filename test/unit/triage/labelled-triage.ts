// Triages a labelled citizen mail as ingestion does (parseMail → mailForms → triageMailOf → evaluateRules →
// triageChanges) and tallies the outcomes; shared by the accuracy tests of test/fixtures/triage and of the blind set.
import { parseMail } from '../../../server/mail/parse.js';
import { mailForms } from '../../../server/services/ingestion/prepared-message.js';
import { triageChanges, triageMailOf } from '../../../server/services/triage/apply-triage.js';
import { DEFAULT_TRIAGE_RULES } from '../../../server/services/triage/default-rules.js';
import { evaluateRules } from '../../../server/services/triage/rules.js';
import type { LabelledMail } from './labelled-mails.js';

const HOTLINE = 'duongdaynong@hoabinh.gov.vn';
const AGENCY_ID = 1;

export interface Outcome { mail: LabelledMail; class: string; category: string | null; priority: string; rule: string | null }

function rawMail(m: LabelledMail): Buffer {
  return Buffer.from([
    'From: Công dân <congdan@example.vn>', `To: ${HOTLINE}`, `Subject: ${m.subject}`, `Message-ID: <${m.id}@labelled.test>`,
    'Date: Mon, 02 Mar 2026 09:15:00 +0700', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit', '', m.body, ''].join('\r\n'), 'utf8');
}

/** What the seed rules make of one labelled mail. */
export async function triageLabelled(m: LabelledMail): Promise<Outcome> {
  const parsed = await parseMail(rawMail(m));
  const result = evaluateRules(DEFAULT_TRIAGE_RULES, triageMailOf(parsed, HOTLINE, mailForms(parsed).triageKeys));
  const changes = triageChanges({ category: null }, result.actions, AGENCY_ID);
  return { mail: m, class: changes.class, category: changes.category, priority: changes.priority, rule: result.matched?.id ?? null };
}

export const label = (category: string | null) => category ?? '(none)';

/** Right exactly when triage gives the labelled category; for a mail labelled null, when it leaves it uncategorised. */
export const categoryOk = (o: Outcome) => o.category === o.mail.category;

export function ratio(outcomes: readonly Outcome[], ok: (o: Outcome) => boolean): { right: number; total: number; share: number } {
  const right = outcomes.filter(ok).length;
  return { right, total: outcomes.length, share: outcomes.length ? right / outcomes.length : 1 };
}

/** "right/total  share%", padded for a table column; "-" when there is nothing to count. */
export function cell(outcomes: readonly Outcome[], ok: (o: Outcome) => boolean): string {
  const r = ratio(outcomes, ok);
  return r.total ? `${`${r.right}/${r.total}`.padStart(7)} ${`${Math.round(100 * r.share)}%`.padStart(4)}` : '      -     ';
}

/** expected → got, with how often and which mails (a * after a mail the caller marks), most frequent first */
export function confusions(outcomes: readonly Outcome[], expected: (o: Outcome) => string, got: (o: Outcome) => string,
  mark: (o: Outcome) => boolean = () => false): string[] {
  const pairs = new Map<string, Outcome[]>();
  for (const o of outcomes) if (expected(o) !== got(o)) pairs.set(`${expected(o)} → ${got(o)}`, [...(pairs.get(`${expected(o)} → ${got(o)}`) ?? []), o]);
  return [...pairs.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([pair, os]) => `  ${pair} (${os.length}): ${os.map((o) => `${o.mail.id}${mark(o) ? '*' : ''} [${o.rule ?? 'no rule'}]`).join(', ')}`);
}
