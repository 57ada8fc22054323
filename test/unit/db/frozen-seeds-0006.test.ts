import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { SLA_CLASSES_0006, SLA_PRIORITIES_0006 } from '../../../server/db/migrations/frozen/sla-classes-0006.js';
import { CALENDAR_OVERRIDES_0006 } from '../../../server/db/migrations/frozen/calendar-overrides-0006.js';
import { CALENDAR_RENAMES_0018 } from '../../../server/db/migrations/0018-calendar-names-vi.js';
import { TRIAGE_RULES_0006 } from '../../../server/db/migrations/frozen/triage-rules-0006.js';
import { TICKET_CLASSES } from '../../../server/services/org/categories.js';
import { DEFAULT_OVERRIDES } from '../../../server/services/sla/default-overrides.js';

// The digests were taken when the copies were frozen, after checking that migration 0006 seeds the same rows
// with them as it did with the live constants of its release (commit 9ee3f9c). A copy that no longer matches its
// digest was edited: put it back, and seed a changed default with a new migration and a frozen copy of its own.
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('the seed data migration 0006 froze', () => {
  it('is unchanged since it was frozen', () => {
    expect(digest(SLA_CLASSES_0006), 'frozen/sla-classes-0006.ts').to.equal('66fe31fb9b894c6888f881010c43db575f60c6098b07d1a78b445dfe93f8031d');
    expect(SLA_PRIORITIES_0006).to.deep.equal(['low', 'normal', 'high', 'urgent']);
    expect(digest(CALENDAR_OVERRIDES_0006), 'frozen/calendar-overrides-0006.ts').to.equal('cff5339dc82e1cb0651c4d5653452fa202dc3f531d3c7ea192153f3fc8d561a8');
    expect(digest(TRIAGE_RULES_0006), 'frozen/triage-rules-0006.ts').to.equal('61b0dbdfe1c3a0051012d5f922253a8379ab46bb63e9087237b65284bcc6e4cc');
  });

  // The stored rows are the truth once seeded (policy-store, calendar-store), so a changed default in the code
  // reaches no existing database without a migration of its own.
  it('still holds the clocks of TICKET_CLASSES (a changed clock needs a new migration)', () => {
    expect(SLA_CLASSES_0006).to.deep.equal(TICKET_CLASSES.map((c) => ({ code: c.code, firstResponse: c.firstResponse,
      resolution: c.resolution, resolutionFrom: c.resolutionFrom })));
  });

  it('still holds DEFAULT_OVERRIDES once 0018 renamed a day (a new or changed decision needs a new migration)', () => {
    const renamed = CALENDAR_OVERRIDES_0006.map((o) => ({ ...o, reason: CALENDAR_RENAMES_0018.find((r) => r.date === o.date && r.from === o.reason)?.to ?? o.reason }));
    expect(renamed).to.deep.equal(DEFAULT_OVERRIDES.map((o) => ({ date: o.date, kind: o.kind, reason: o.reason })));
  });
});
