// Issue 13 item 10: the lookup code's hash was sha256("ref\ncode"), so anyone who read the tickets table could
// search the 10^8 codes of a ref offline. It is now an HMAC under a key from SECRET_KEY; tickets opened before
// keep their sha256 hash, which still verifies (re-hashing them would need the codes).
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { lookupCase } from '../../../server/services/tickets/lookup.js';
import { lookupCodeHash, newTicketRow } from '../../../server/services/tickets/ticket-row.js';

const sha256 = (ref: string, code: string) => createHash('sha256').update(`${ref}\n${code}`).digest('hex');

forEachDb('issue 13 item 10 (lookup-code HMAC)', (getDb) => {
  it('issue 13 item 10 (lookup-code HMAC): a new ticket stores a keyed hash, not sha256(ref\\ncode), and it verifies', async () => {
    const agency = await buildAgency(getDb());
    const row = newTicketRow({ agencyId: agency.id, citizenAddress: 'a@example.vn', citizenName: null, subject: 's',
      receivedAt: new Date(), history: false }, 'HMAC-2026-000001', '12345678');
    expect(row.lookup_code_hash).to.have.length(64);
    expect(row.lookup_code_hash).not.to.equal(sha256('HMAC-2026-000001', '12345678'));
    expect(row.lookup_code_hash).not.to.equal(lookupCodeHash('HMAC-2026-000001', '12345678', 'another-secret-key-0123456789abcdef'));
    await buildTicket(getDb(), { agency_id: agency.id, received: '2026-03-10T08:00', ref: 'HMAC-2026-000001', lookup_code_hash: row.lookup_code_hash });
    expect(await lookupCase(getDb(), 'HMAC-2026-000001', '12345678')).to.include({ ref: 'HMAC-2026-000001' });
    expect(await lookupCase(getDb(), 'HMAC-2026-000001', '12345679')).to.equal(null);
  });

  it('issue 13 item 10 (lookup-code HMAC): a ticket with the old sha256 hash still verifies with its code, not with another', async () => {
    const agency = await buildAgency(getDb());
    await buildTicket(getDb(), { agency_id: agency.id, received: '2026-03-10T08:00', ref: 'OLD-2026-000001', lookup_code_hash: sha256('OLD-2026-000001', '87654321') });
    expect(await lookupCase(getDb(), 'OLD-2026-000001', '8765 4321')).to.include({ ref: 'OLD-2026-000001' });
    expect(await lookupCase(getDb(), 'OLD-2026-000001', '87654320')).to.equal(null);
  });
});
