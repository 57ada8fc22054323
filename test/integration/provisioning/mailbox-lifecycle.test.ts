// Acceptance: suspend/restore seen by Dovecot; a transfer's old address resolves through Postfix's alias map.
import { expect } from 'chai';
import { systemActor } from '../../../server/services/auth/actor.js';
import { forEachDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { writeTestMailServerConfig, type TestMailServerConfig } from '../../support/mail-db-target.js';
import { postmapQuery } from '../../support/postfix.js';
import { canLogin } from '../../support/imap-login.js';
import { credentialsOf, importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import type { Credential } from '../../../server/services/provisioning/credentials-store.js';
import { listMailboxes, restoreMailbox, setMailboxPassword, setMailboxQuota, suspendMailbox } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { addAlias } from '../../../server/services/provisioning/aliases.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';
import { ProvisioningError } from '../../../server/services/provisioning/errors.js';
import { coverage } from '../../../server/services/provisioning/coverage.js';
import type { MailServerFileName } from '../../../server/services/mailserver/config-files.js';

const PEOPLE = [
  { employee_code: 'LC1', full_name: 'Nguyễn Văn An', agency_code: 'STP', position: 'Chuyên viên' },
  { employee_code: 'LC2', full_name: 'Âu Dương Phong', agency_code: 'STP', position: 'Chuyên viên' },
  { employee_code: 'LC3', full_name: 'Đặng Thị Ánh Nguyệt', agency_code: 'STP', position: 'Chuyên viên' },
];

forEachDb('mailbox lifecycle against Dovecot and Postfix maps', (getDb) => {
  let dv: DovecotInstance;
  let creds: Map<string, Credential>;
  let maps: Record<MailServerFileName, string>;
  let config: TestMailServerConfig | undefined;
  const actions = async () => (await getDb().models.AuditLog.findAll({ raw: true })).map((a) => a.action);

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    creds = new Map((await credentialsOf(db, await importRows(db, PEOPLE))).map((c) => [c.employeeCode, c]));
    dv = await startDovecot({ db });
    config = await writeTestMailServerConfig(db, 'govmail-lc-');
    maps = config.maps;
  });
  after(async () => {
    await dv?.destroy();
    config?.remove();
  });

  it('derives the addresses of hard names', () => {
    expect([...creds.values()].map((c) => c.address)).to.deep.equal(['annv@stp.hoabinh.gov.vn', 'phongad@stp.hoabinh.gov.vn', 'nguyetdta@stp.hoabinh.gov.vn']);
  });

  it('a suspended account fails IMAP login, and after restore it logs in again (both audit-logged)', async () => {
    const c = creds.get('LC1')!;
    await suspendMailbox(getDb(), c.address, { actor: systemActor('hr@test') });
    expect(await canLogin(dv, c.address, c.password)).to.equal(false);
    expect((await listMailboxes(getDb(), { agencyCode: 'STP' })).find((m) => m.address === c.address)).to.include({ active: false, suspended: true });
    await restoreMailbox(getDb(), c.address, { actor: systemActor('hr@test') });
    expect(await canLogin(dv, c.address, c.password)).to.equal(true);
    expect(await actions()).to.include.members(['mailbox.suspend', 'mailbox.restore']);
  });

  it('suspending twice is refused with a typed error naming the field', async () => {
    const c = creds.get('LC2')!;
    await suspendMailbox(getDb(), c.address, { actor: systemActor('hr@test') });
    const err = await suspendMailbox(getDb(), c.address, { actor: systemActor('hr@test') }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ProvisioningError).and.include({ id: 'mailbox.already_suspended', field: 'address' });
    await restoreMailbox(getDb(), c.address, { actor: systemActor('hr@test') });
  });

  it('a reset password works at once and the old one stops working', async () => {
    const c = creds.get('LC2')!;
    const r = await setMailboxPassword(getDb(), c.address, { actor: systemActor('hr@test') });
    expect(r.password).to.match(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await canLogin(dv, c.address, r.password!)).to.equal(true);
    expect(await canLogin(dv, c.address, c.password)).to.equal(false);
    await setMailboxPassword(getDb(), c.address, { actor: systemActor('hr@test'), password: 'Chosen-password-42' });
    expect(await canLogin(dv, c.address, 'Chosen-password-42')).to.equal(true);
  });

  it('a quota change reaches Dovecot as the quota rule', async () => {
    const c = creds.get('LC3')!;
    await setMailboxQuota(getDb(), c.address, 300, { actor: systemActor('hr@test') });
    expect((await dv.doveadm(['user', '-f', 'quota_rule', c.address])).trim()).to.equal('*:storage=300M');
  });

  it('after a transfer the new address logs in and the old one resolves to it through the Postfix alias map', async () => {
    const c = creds.get('LC3')!;
    const r = await transferStaff(getDb(), { who: 'LC3', toAgencyCode: 'SYT', aliasDays: 90, actor: systemActor('hr@test') });
    expect(r).to.include({ from: c.address, to: 'nguyetdta@syt.hoabinh.gov.vn' });
    expect(await canLogin(dv, r.to, c.password)).to.equal(true);
    expect(await canLogin(dv, c.address, c.password)).to.equal(false);
    expect(await postmapQuery(maps['virtual-aliases.cf'], c.address)).to.equal(r.to);
    expect(await postmapQuery(maps['virtual-mailboxes.cf'], c.address)).to.equal(null);
    expect(await actions()).to.include('mailbox.transfer');
  });

  it('an alias added by HR resolves through the alias map', async () => {
    await addAlias(getDb(), { address: 'vanthu@stp.hoabinh.gov.vn', goto: creds.get('LC1')!.address, actor: systemActor('hr@test') });
    expect(await postmapQuery(maps['virtual-aliases.cf'], 'vanthu@stp.hoabinh.gov.vn')).to.equal(creds.get('LC1')!.address);
    const err = await addAlias(getDb(), { address: 'x@unknown.example', goto: 'a@b.vn', actor: systemActor('hr') }).catch((e: unknown) => e);
    expect(err).to.include({ id: 'alias.domain_unknown', field: 'address' });
  });

  it('a transferred address is not handed to a newcomer with the same name', async () => {
    const r = await importRows(getDb(), [...PEOPLE.slice(0, 2), { employee_code: 'LC3', full_name: 'Đặng Thị Ánh Nguyệt', agency_code: 'SYT', position: 'Chuyên viên' },
      { employee_code: 'LC4', full_name: 'Đỗ Thị Ánh Nguyệt', agency_code: 'STP', position: 'Chuyên viên' }]);
    expect(r.preview.find((p) => p.employee_code === 'LC4')!.address).to.equal('nguyetdta2@stp.hoabinh.gov.vn');
  });

  it('coverage counts staff, active mailboxes and never-logged-in per agency', async () => {
    // LC1 and LC2 logged in over IMAP above (Dovecot's last_login plugin recorded it); LC4 never did.
    const c = await coverage(getDb(), { agencyCode: 'STP' });
    expect(c.agencies[0]).to.include({ agency: 'STP', staff: 3, active_mailboxes: 3, covered_pct: 100, never_logged_in: 1, suspended: 0 });
  });
});
