// "Each such action writes an audit row with the details (who, which person, from and to), not counts only":
// a transfer, a roster row moving a person, a reset and a suspension, an alias, and an org import.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { buildUser } from '../../support/web.js';
import { importRows, seedHoabinh, TEST_SECRET } from '../../support/provisioning-fixtures.js';
import { rosterCsv } from '../../support/roster-factory.js';
import { actorOf, type Actor } from '../../../server/services/auth/actor.js';
import { parseTable } from '../../../server/services/import/table-reader.js';
import { importRoster } from '../../../server/services/provisioning/roster-import.js';
import { importOrg } from '../../../server/services/provisioning/org-import.js';
import { setMailboxPassword, suspendMailbox } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { addAlias } from '../../../server/services/provisioning/aliases.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';

const last = async (db: TestDb, action: string) => {
  const row = (await db.models.AuditLog.findAll({ where: { action }, order: [['id', 'DESC']], limit: 1, raw: true }))[0];
  return row ? { actor: row.actor, target: row.target, details: JSON.parse(row.details ?? 'null') } : null;
};

forEachDb('audit rows name who, which person, from and to', (getDb) => {
  let hr: Actor;
  let admin: Actor;

  before(async () => {
    const db = getDb();
    await seedHoabinh(db);
    await importRows(db, [
      { employee_code: 'AD1', full_name: 'Vũ Thị Hạnh', agency_code: 'SNV', position: 'Chuyên viên' },
      { employee_code: 'AD2', full_name: 'Đỗ Văn Long', agency_code: 'SNV', position: 'Chuyên viên' },
    ]);
    hr = actorOf((await buildUser(db, { role: 'hr', username: 'hr.tinh@hoabinh.gov.vn' })).user);
    admin = actorOf((await buildUser(db, { role: 'admin', username: 'admin.tinh@hoabinh.gov.vn' })).user);
  });

  it('a transfer: the officer, the person, the old and new address and agency', async () => {
    const db = getDb();
    const moved = await transferStaff(db, { who: 'AD1', toAgencyCode: 'STC', actor: hr });
    expect(await last(db, 'mailbox.transfer')).to.deep.include({ actor: 'hr.tinh@hoabinh.gov.vn', target: moved.from });
    expect((await last(db, 'mailbox.transfer'))!.details).to.deep.include({
      person: { employee_code: 'AD1', name: 'Vũ Thị Hạnh' }, from: { address: moved.from, agency: 'SNV' }, to: { address: moved.to, agency: 'STC' },
    });
  });

  it('a roster row moving a person: one roster.move row with the file row, from and to', async () => {
    const db = getDb();
    const before = (await db.models.Mailbox.findOne({ where: { staff_id: (await db.models.Staff.findOne({ where: { employee_code: 'AD2' } }))!.id } }))!.address;
    const csv = rosterCsv([{ employee_code: 'AD2', full_name: 'Đỗ Văn Long', agency_code: 'STP', position: 'Chuyên viên' }]);
    const r = await importRoster(db, await parseTable(Buffer.from(csv), 'r.csv'), { actor: hr, secretKey: TEST_SECRET });
    expect(r.errors).to.deep.equal([]);
    const row = await last(db, 'roster.move');
    expect(row).to.deep.include({ actor: 'hr.tinh@hoabinh.gov.vn', target: 'staff:AD2' });
    expect(row!.details.person).to.deep.equal({ employee_code: 'AD2', name: 'Đỗ Văn Long', row: 2 });
    expect(row!.details.from).to.deep.equal({ agency: 'SNV', address: before });
    expect(row!.details.to.agency).to.equal('STP');
    expect(row!.details.to.address).to.match(/@stp\.hoabinh\.gov\.vn$/);
  });

  it('a reset, a suspension and an alias: the person, never a password', async () => {
    const db = getDb();
    const box = await db.models.Mailbox.findOne({ where: { staff_id: (await db.models.Staff.findOne({ where: { employee_code: 'AD1' } }))!.id } });
    const { password } = await setMailboxPassword(db, box!.address, { actor: hr });
    await suspendMailbox(db, box!.address, { actor: hr, reason: 'nghỉ dài hạn' });
    await addAlias(db, { address: `vanthu@${box!.domain}`, goto: box!.address, actor: hr });
    const person = { employee_code: 'AD1', name: 'Vũ Thị Hạnh' };
    for (const action of ['mailbox.set_password', 'mailbox.suspend', 'alias.add']) {
      const row = await last(db, action);
      expect(row!.actor, action).to.equal('hr.tinh@hoabinh.gov.vn');
      expect(row!.details.person, action).to.deep.equal(person);
      expect(JSON.stringify(row), action).not.to.contain(password!);
    }
  });

  it('an org import: each agency created or changed, field by field', async () => {
    const db = getDb();
    const org = 'code,name,kind,parent_code,mail_domain,hotline_address\nSTC,Sở Tài chính tỉnh Hòa Bình,department,UBND,stc.hoabinh.gov.vn,duongdaynong@stc.hoabinh.gov.vn\nBQLDA,Ban Quản lý dự án,department,UBND,bqlda.hoabinh.gov.vn,\n';
    const r = await importOrg(db, await parseTable(Buffer.from(org), 'org.csv'), { actor: admin });
    expect(r).to.include({ created: 1, updated: 1 });
    const row = await last(db, 'org.import');
    expect(row!.actor).to.equal('admin.tinh@hoabinh.gov.vn');
    expect(row!.details.changes.STC).to.deep.equal({ name: ['Sở Tài chính', 'Sở Tài chính tỉnh Hòa Bình'] });
    expect(row!.details.changes.BQLDA.created).to.include({ name: 'Ban Quản lý dự án', mail_domain: 'bqlda.hoabinh.gov.vn', parent: 'UBND' });
  });
});
