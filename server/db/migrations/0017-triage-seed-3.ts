// The third seed of triage rules (frozen/triage-rules-0017.ts): the second's keywords widened where the labelled
// mails of test/fixtures/triage showed citizens' own words for a field (issue 14 item 8). It replaces the second
// exactly as 0012 replaced the first (replaceSeed): a seed rule still as seeded is swapped for the new one, a rule
// an admin edited, disabled or deleted stays as they left it, their own rules stay; down does the reverse.
import type { Migration } from './context.js';
import { replaceSeed } from './0012-triage-seed-2.js';
import { TRIAGE_RULES_0012 } from './frozen/triage-rules-0012.js';
import { TRIAGE_RULES_0017 } from './frozen/triage-rules-0017.js';

export const triageSeed3: Migration = {
  name: '0017-triage-seed-3',
  async up({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0012, TRIAGE_RULES_0017);
  },
  async down({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0017, TRIAGE_RULES_0012);
  },
};
