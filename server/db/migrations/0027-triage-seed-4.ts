// The fourth seed of triage rules (frozen/triage-rules-0027.ts): the third's keywords widened with citizens'
// synonyms and administrative terms per field, after a blind set of mails (test/fixtures/triage-heldout, written
// before its writer read the rules) showed the third filing only those it was fitted to well; a contact request
// ("xin địa chỉ email của Sở Y tế") is filed "khác" before the field it names; "tiếp dân" alone no longer files
// conduct of officials (it names the addressee, "Ban tiếp dân"). It replaces the third exactly as 0012 replaced
// the first (replaceSeed): a seed rule still as seeded is swapped for the new one, a rule an admin edited, disabled
// or deleted stays as they left it, their own rules stay; down does the reverse.
import type { Migration } from './context.js';
import { replaceSeed } from './0012-triage-seed-2.js';
import { TRIAGE_RULES_0017 } from './frozen/triage-rules-0017.js';
import { TRIAGE_RULES_0027 } from './frozen/triage-rules-0027.js';

export const triageSeed4: Migration = {
  name: '0027-triage-seed-4',
  async up({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0017, TRIAGE_RULES_0027);
  },
  async down({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0027, TRIAGE_RULES_0017);
  },
};
