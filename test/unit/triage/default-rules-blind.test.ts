// Whether the seed triage rules generalise beyond the mails they were fitted to: the blind set of
// test/fixtures/triage-heldout, triaged as ingestion does it. Prints, per category, how many mails triage filed
// right, the precision of its sure answers (a category given) and the share it left for an officer.
//
// Honest about what this measures: the 201 mails were written (2026-12-03) before their writer read the seed rules
// or the mails of test/fixtures/triage, and committed before any rule was scored on them. Scored once then, the
// seed of migration 0017 filed 161/201 right (80 %): 148 of its 166 sure answers right, 35 left uncategorised.
// The rules were then widened against this set's misses (the seed of migration 0027): citizens' synonyms and
// administrative terms per field, not its sentences. That tuning makes this set less blind with every change, so the
// figure printed now overstates how the rules do on mail nobody has seen. Next time, write a fresh batch before
// reading the rules, score it once, and quote that first score.
//
// Scoring, as an officer would judge it: the labelled category is right; on a mail labelled uncategorised (a human
// would be unsure) leaving it uncategorised is right and any category is a wrong confident answer; a labelled mail
// left uncategorised is not a wrong answer, but it is work triage did not do, so it does not count as right.
import { expect } from 'chai';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../../server/services/org/categories.js';
import { BLIND_DIR, loadLabelled } from './labelled-mails.js';
import { categoryOk, cell, confusions, label, ratio, triageLabelled, type Outcome } from './labelled-triage.js';

const BLIND_FLOOR = 0.8;

describe('triage default rules on the blind set (written before the rules were read)', () => {
  const mails = loadLabelled(BLIND_DIR);
  let outcomes: Outcome[] = [];
  const sure = () => outcomes.filter((o) => o.category !== null);

  before(async () => {
    outcomes = await Promise.all(mails.map(triageLabelled));
    const byCategory = [...FEEDBACK_CATEGORIES.map((c) => c.code), null].map((c) => [label(c), outcomes.filter((o) => o.mail.category === c)] as const);
    const uncategorised = outcomes.filter((o) => o.category === null).length;
    const report = [
      '', `Blind set: ${outcomes.length} mails (test/fixtures/triage-heldout).`,
      `${'Category, by label'.padEnd(26)}${'right'.padStart(12)}`,
      ...byCategory.map(([name, os]) => `  ${name.padEnd(24)}${cell(os, categoryOk)}`),
      `  ${'overall'.padEnd(24)}${cell(outcomes, categoryOk)}`,
      `Sure answers (a category given): ${sure().length}, of which right ${cell(sure(), categoryOk).trim()}`,
      `Left uncategorised: ${uncategorised}/${outcomes.length} (${Math.round((100 * uncategorised) / outcomes.length)}%), of which labelled with a category: ${
        outcomes.filter((o) => o.category === null && o.mail.category !== null).length}`,
      `Class right: ${cell(outcomes, (o) => o.class === o.mail.class).trim()}; priority right: ${cell(outcomes, (o) => o.priority === o.mail.priority).trim()}`,
      'Category confusions (label → triage):', ...confusions(outcomes, (o) => label(o.mail.category), (o) => label(o.category)),
      'Class confusions:', ...confusions(outcomes, (o) => o.mail.class, (o) => o.class), '',
    ];
    process.stdout.write(report.join('\n') + '\n');
  });

  it('has at least 150 mails covering every category, every class and mails a human would be unsure of', () => {
    expect(mails.length).to.be.at.least(150);
    for (const c of FEEDBACK_CATEGORIES) expect(mails.filter((m) => m.category === c.code), c.code).to.not.be.empty;
    for (const c of TICKET_CLASSES) expect(mails.filter((m) => m.class === c.code), c.code).to.have.length.at.least(5);
    expect(mails.filter((m) => m.category === null)).to.have.length.at.least(15);
  });

  it(`files at least ${100 * BLIND_FLOOR} % of the blind mails right, a wrong confident answer counting as wrong`, () => {
    expect(ratio(outcomes, categoryOk).share).to.be.at.least(BLIND_FLOOR);
  });

  it('is right in at least 90 % of its sure answers, so a confident category is rarely a misfiling', () => {
    expect(ratio(sure(), categoryOk).share).to.be.at.least(0.9);
  });
});
