import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { audit } from '../../../server/services/audit/audit-log.js';
import { verifyAuditChain } from '../../../server/services/audit/verify-chain.js';
import { execWrite } from '../../../server/db/index.js';

forEachDb('audit chain', (getDb) => {
  it('an intact chain verifies, including appends from concurrent writers', async () => {
    const db = getDb();
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit(db, { actor: 'admin', action: 'test.append', target: `t${i}`, details: { i, name: 'Nguyễn Văn An' } })));
    const result = await verifyAuditChain(db);
    expect(result).to.deep.include({ ok: true, rows: 20 });
    expect(result.ok && result.head.seq, 'the chain ends where audit_head says').to.equal(20);
  });

  it('a row edited by hand breaks the chain at that row', async () => {
    const db = getDb();
    const victim = await db.models.AuditLog.findOne({ where: { target: 't7' } });
    await execWrite(db.sequelize, 'UPDATE audit_log SET actor = :a WHERE id = :id', { a: 'mallory', id: victim!.id });
    const result = await verifyAuditChain(db);
    expect(result.ok).to.equal(false);
    expect(result.ok === false && result.brokenRowId).to.equal(victim!.id);
  });
});
