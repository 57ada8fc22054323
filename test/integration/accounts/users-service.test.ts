// The users service's rules (issue 11 item 1), straight through the service on both databases, so the web, the
// CLI and jobs obey them alike: a province admin manages every account; an agency admin only their agency's,
// never granting a role or scope above their own; a role is granted to a person through their mailbox;
// disable ends sessions; every change is audited with who, which account, from and to.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { buildUser } from '../../support/web.js';
import { credentialsOf, importRows, refusal, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { actorOf, type Actor } from '../../../server/services/auth/actor.js';
import { createSession } from '../../../server/services/auth/sessions.js';
import { login } from '../../../server/services/auth/login.js';
import { ROLES } from '../../../server/db/models/foundation.js';
import {
  accountTrail, createAccount, disableAccount, enableAccount, listAccounts, listAccountsPage, setAccountRole, unlockAccount,
} from '../../../server/services/users/index.js';

const PEOPLE = [
  { employee_code: 'US-SNV-1', full_name: 'Nguyễn Thị Lan', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'US-SNV-2', full_name: 'Trần Văn Hùng', agency_code: 'SNV', position: 'Giám đốc' },
  { employee_code: 'US-STC-1', full_name: 'Phạm Thị Hương', agency_code: 'STC', position: 'Kế toán' },
];

const user = async (db: TestDb, username: string) => (await db.models.User.findOne({ where: { username } }))!.get({ plain: true });
const lastAudit = async (db: TestDb, target: string) => {
  const row = (await db.models.AuditLog.findOne({ where: { target }, order: [['id', 'DESC']] }))!;
  return { actor: row.actor, action: row.action, details: JSON.parse(row.details ?? 'null') as Record<string, unknown> };
};

forEachDb('users service: roles granted within the actor\'s scope', (getDb) => {
  let addr: Map<string, string>;
  let snvId: number;
  let snvAdmin: Actor;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    addr = new Map((await credentialsOf(db, await importRows(db, PEOPLE))).map((c) => [c.employeeCode, c.address]));
    snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    snvAdmin = actorOf((await buildUser(db, { username: 'qtv-snv', role: 'admin', agencyId: snvId })).user);
  });

  it('a province admin creates every role, in an agency or province-wide, with a one-time password to change', async () => {
    const db = getDb();
    for (const role of ROLES) {
      const r = await createAccount(db, { username: `tinh-${role}`, role, agency: role === 'leader' ? null : 'snv' }, TEST_ACTOR);
      expect(r).to.include({ username: `tinh-${role}`, role, agency: role === 'leader' ? null : 'SNV', mailbox: null });
      expect(r.password).to.match(/^[A-Za-z0-9-]{16,}$/);
      const row = await user(db, `tinh-${role}`);
      expect(row).to.include({ role, agency_id: role === 'leader' ? null : snvId, must_change_password: true, active: true });
      expect(row.password_hash).to.match(/^\{BLF-CRYPT\}/);
    }
    expect(await lastAudit(db, 'user:tinh-agent')).to.deep.include({ actor: 'test', action: 'user.create' });
    expect((await lastAudit(db, 'user:tinh-agent')).details).to.include({ role: 'agent', agency: 'SNV', mailbox: null });
  });

  it('an agency admin grants roles in their own agency only: no province scope, no other agency', async () => {
    const db = getDb();
    const r = await createAccount(db, { username: 'snv-agent', role: 'agent', agency: 'SNV' }, snvAdmin);
    expect(r.agency).to.equal('SNV');
    for (const [role, agency] of [['admin', null], ['leader', null], ['staff', null], ['agent', 'STC'], ['admin', 'STC']] as const) {
      const e = await refusal(createAccount(db, { username: `x-${role}-${agency ?? 'tinh'}`.toLowerCase(), role, agency }, snvAdmin));
      expect(e, `${role} ${agency}`).to.include({ id: 'user.grant_out_of_scope', status: 403 });
      expect(await db.models.User.count({ where: { username: `x-${role}-${agency ?? 'tinh'}`.toLowerCase() } })).to.equal(0);
    }
    const raise = await refusal(setAccountRole(db, 'snv-agent', { role: 'admin' }, snvAdmin));
    expect(raise).to.include({ id: 'user.grant_out_of_scope' });
    const away = await refusal(setAccountRole(db, 'snv-agent', { role: 'agent', agency: 'STC' }, snvAdmin));
    expect(away).to.include({ id: 'user.grant_out_of_scope' });
    expect(await user(db, 'snv-agent')).to.include({ role: 'agent', agency_id: snvId });
  });

  it('an agency admin cannot see or touch another agency\'s account nor a province-wide one: it looks absent', async () => {
    const db = getDb();
    await createAccount(db, { username: 'stc-leader', role: 'leader', agency: 'STC' }, TEST_ACTOR);
    await db.models.User.update({ locked_until: new Date(Date.now() + 600_000), failed_logins: 5 }, { where: { username: 'stc-leader' } });
    const before = await user(db, 'stc-leader');
    for (const target of ['stc-leader', 'tinh-leader']) {
      for (const call of [
        () => setAccountRole(db, target, { role: 'agent', agency: 'SNV' }, snvAdmin),
        () => disableAccount(db, target, snvAdmin), () => enableAccount(db, target, snvAdmin), () => unlockAccount(db, target, snvAdmin),
        () => accountTrail(db, target, snvAdmin),
      ]) expect(await refusal(call()), target).to.include({ id: 'user.not_found', status: 404 });
    }
    expect(await user(db, 'stc-leader')).to.deep.equal(before);
    const seen = await listAccounts(db, {}, snvAdmin);
    expect(seen.map((u) => u.agency)).to.satisfy((codes: (string | null)[]) => codes.every((c) => c === 'SNV'));
    expect(seen.map((u) => u.username)).to.include.members(['snv-agent', 'qtv-snv', addr.get('US-SNV-1')]);
    expect(await listAccounts(db, { agency: 'STC' }, snvAdmin)).to.deep.equal([]);
    expect((await listAccounts(db, { agency: 'STC' }, TEST_ACTOR)).map((u) => u.username)).to.include.members(['stc-leader', addr.get('US-STC-1')]);
  });

  it('neither an hr officer nor an agent manages accounts', async () => {
    const db = getDb();
    for (const role of ['hr', 'agent'] as const) {
      const actor = actorOf((await buildUser(db, { role, agencyId: snvId })).user);
      expect(await refusal(listAccounts(db, {}, actor))).to.include({ id: 'user.not_admin', status: 403 });
      expect(await refusal(createAccount(db, { username: `by-${role}`, role: 'staff', agency: 'SNV' }, actor))).to.include({ id: 'user.not_admin' });
      expect(await refusal(disableAccount(db, 'snv-agent', actor))).to.include({ id: 'user.not_admin' });
    }
  });

  it('set-role writes one audit row with who, which account, and the role and scope from and to', async () => {
    const db = getDb();
    const r = await setAccountRole(db, 'snv-agent', { role: 'supervisor', agency: 'SNV' }, snvAdmin);
    expect(r).to.deep.equal({ username: 'snv-agent', role: { from: 'agent', to: 'supervisor' }, agency: { from: 'SNV', to: 'SNV' }, changed: true });
    expect(await lastAudit(db, 'user:snv-agent')).to.deep.equal({
      actor: 'qtv-snv', action: 'user.role_change', details: { role: { from: 'agent', to: 'supervisor' }, agency: { from: 'SNV', to: 'SNV' } },
    });
    const rows = await db.models.AuditLog.count({ where: { target: 'user:snv-agent' } });
    expect((await setAccountRole(db, 'snv-agent', { role: 'supervisor', agency: 'SNV' }, snvAdmin)).changed).to.equal(false);
    expect(await db.models.AuditLog.count({ where: { target: 'user:snv-agent' } }), 'no change, no row').to.equal(rows);
    await setAccountRole(db, 'tinh-agent', { role: 'leader' }, TEST_ACTOR);
    expect((await lastAudit(db, 'user:tinh-agent')).details).to.deep.equal({ role: { from: 'agent', to: 'leader' }, agency: { from: 'SNV', to: null } });
  });

  it('nobody changes their own role or disables themselves', async () => {
    const db = getDb();
    expect(await refusal(setAccountRole(db, 'qtv-snv', { role: 'agent', agency: 'SNV' }, snvAdmin))).to.include({ id: 'user.self' });
    expect(await refusal(disableAccount(db, 'qtv-snv', snvAdmin))).to.include({ id: 'user.self' });
  });

  it('disable refuses sign-ins and ends every open session at once; enable lets the account back in', async () => {
    const db = getDb();
    const made = await createAccount(db, { username: 'snv-hr', role: 'hr', agency: 'SNV', password: 'Mat-khau-cua-hr-2026' }, snvAdmin);
    expect(made.password, 'a chosen password is never echoed').to.equal(undefined);
    const id = (await user(db, 'snv-hr')).id;
    await createSession(db, id, {});
    await createSession(db, id, {});
    expect(await disableAccount(db, 'snv-hr', snvAdmin)).to.deep.equal({ username: 'snv-hr', changed: true });
    expect(await db.models.Session.count({ where: { user_id: id } })).to.equal(0);
    expect(await login(db, 'snv-hr', 'Mat-khau-cua-hr-2026')).to.deep.equal({ ok: false, reason: 'inactive' });
    expect((await lastAudit(db, 'user:snv-hr'))).to.deep.equal({ actor: 'qtv-snv', action: 'user.disable', details: { active: { from: true, to: false }, sessions_ended: 2 } });
    await enableAccount(db, 'snv-hr', snvAdmin);
    expect((await lastAudit(db, 'user:snv-hr')).details).to.deep.equal({ active: { from: false, to: true } });
    expect((await login(db, 'snv-hr', 'Mat-khau-cua-hr-2026')).ok).to.equal(true);
  });

  it('unlock lifts a lockout after failed sign-ins, audited with the lock it lifted', async () => {
    const db = getDb();
    for (let i = 0; i < 5; i++) await login(db, 'snv-hr', 'wrong-password-123');
    expect(await login(db, 'snv-hr', 'Mat-khau-cua-hr-2026')).to.deep.equal({ ok: false, reason: 'locked' });
    expect((await listAccounts(db, { q: 'snv-hr' }, snvAdmin)).map((u) => u.locked)).to.deep.equal([true]);
    const lockedUntil = (await user(db, 'snv-hr')).locked_until!;
    expect((await unlockAccount(db, 'snv-hr', snvAdmin)).changed).to.equal(true);
    expect((await lastAudit(db, 'user:snv-hr'))).to.deep.equal({
      actor: 'qtv-snv', action: 'user.unlock', details: { locked_until: { from: new Date(lockedUntil).toISOString(), to: null }, failed_logins: { from: 5, to: 0 } },
    });
    expect((await login(db, 'snv-hr', 'Mat-khau-cua-hr-2026')).ok).to.equal(true);
  });

  describe('roles are granted to a person, through their mailbox', () => {
    it('a mailbox that already has its person\'s account is refused, naming the account to change instead', async () => {
      const db = getDb();
      const address = addr.get('US-SNV-1')!;
      const e = await refusal(createAccount(db, { username: 'lan-agent', role: 'agent', agency: 'SNV', mailbox: address }, snvAdmin));
      expect(e).to.include({ id: 'user.mailbox_taken', field: 'mailbox', status: 409 });
      expect(e.params).to.deep.equal({ address, username: address });
    });

    it('the roster-made staff account is promoted in place; its scope stays the mailbox\'s agency or the province', async () => {
      const db = getDb();
      const address = addr.get('US-SNV-1')!;
      expect(await refusal(setAccountRole(db, address, { role: 'agent', agency: 'STC' }, TEST_ACTOR))).to.include({ id: 'user.mailbox_other_agency', field: 'agency' });
      await setAccountRole(db, address, { role: 'agent', agency: 'SNV' }, snvAdmin);
      expect(await user(db, address)).to.include({ role: 'agent', agency_id: snvId });
      const listed = (await listAccounts(db, { role: 'agent' }, snvAdmin)).find((u) => u.username === address)!;
      expect(listed).to.include({ mailbox: address, agency: 'SNV', name: 'Nguyễn Thị Lan', active: true });
    });

    it('an account made for a person\'s mailbox is linked to it, named after them, and signs in with the mailbox address', async () => {
      const db = getDb();
      const address = addr.get('US-SNV-2')!;
      const box = (await db.models.Mailbox.findOne({ where: { address } }))!;
      await db.models.User.destroy({ where: { mailbox_id: box.id } }); // a mailbox provisioned before accounts followed mailboxes
      const r = await createAccount(db, { username: 'hung-leader', role: 'leader', agency: 'SNV', mailbox: address.toUpperCase() }, snvAdmin);
      expect(r).to.include({ username: 'hung-leader', role: 'leader', agency: 'SNV', mailbox: address });
      expect(await user(db, 'hung-leader')).to.include({ mailbox_id: box.id, display_name: 'Trần Văn Hùng' });
      expect((await lastAudit(db, 'user:hung-leader')).details).to.include({ role: 'leader', agency: 'SNV', mailbox: address });
      expect(await login(db, address, r.password!)).to.include({ ok: true, mustChangePassword: true });
    });

    it('a staff account for a mailbox takes the mailbox\'s password (no one-time password), and no other may be set', async () => {
      const db = getDb();
      const address = addr.get('US-SNV-2')!;
      await db.models.User.destroy({ where: { username: 'hung-leader' } });
      expect(await refusal(createAccount(db, { username: 'hung', role: 'staff', agency: 'SNV', mailbox: address, password: 'Mot-mat-khau-khac-1' }, TEST_ACTOR)))
        .to.include({ id: 'user.password_is_mailbox' });
      const r = await createAccount(db, { username: 'hung', role: 'staff', agency: 'SNV', mailbox: address }, TEST_ACTOR);
      expect(r.password).to.equal(undefined);
      const box = (await db.models.Mailbox.findOne({ where: { address } }))!;
      expect((await user(db, 'hung')).password_hash).to.equal(box.password_hash);
    });

    it('an agency admin cannot link another agency\'s mailbox: it looks absent', async () => {
      const db = getDb();
      const e = await refusal(createAccount(db, { username: 'huong-agent', role: 'agent', agency: 'SNV', mailbox: addr.get('US-STC-1')! }, snvAdmin));
      expect(e).to.include({ id: 'mailbox.not_found', status: 404 });
    });
  });

  it('the trail lists the account\'s audit rows, newest first', async () => {
    const db = getDb();
    const trail = await accountTrail(db, 'snv-hr', snvAdmin);
    expect(trail.map((e) => e.action)).to.deep.equal(['user.unlock', 'user.enable', 'user.disable', 'user.create']);
    expect(trail.every((e) => e.actor === 'qtv-snv')).to.equal(true);
  });

  it('pages the list in SQL: the same accounts in the same order as the whole list, page by page, with and without a text filter', async () => {
    const db = getDb();
    for (const filter of [{}, { agency: 'snv' }, { q: 'nguyen' }, { q: 'zzz-nobody' }]) {
      const all = await listAccounts(db, filter, TEST_ACTOR);
      const pages = Math.max(1, Math.ceil(all.length / 2));
      const seen = [];
      for (let page = 1; page <= pages; page++) {
        const p = await listAccountsPage(db, filter, TEST_ACTOR, { page, size: 2 });
        expect(p, JSON.stringify(filter)).to.include({ total: all.length, page, pages });
        seen.push(...p.items);
      }
      expect(seen, JSON.stringify(filter)).to.deep.equal(all);
      expect((await listAccountsPage(db, filter, TEST_ACTOR, { page: pages + 5, size: 2 })).page, 'past the end: the last page').to.equal(pages);
    }
    expect((await listAccountsPage(db, { agency: 'STC' }, snvAdmin, { page: 1, size: 2 })).total, 'another agency lists nothing').to.equal(0);
  });

  it('bad input names the field: role, agency, username, a duplicate', async () => {
    const db = getDb();
    expect(await refusal(createAccount(db, { username: 'x-bad', role: 'boss' }, TEST_ACTOR))).to.include({ id: 'user.role_invalid', field: 'role' });
    expect(await refusal(createAccount(db, { username: 'x-bad', role: 'agent', agency: 'NOPE' }, TEST_ACTOR))).to.include({ id: 'agency.not_found', field: 'agency' });
    expect(await refusal(createAccount(db, { username: 'x bad!', role: 'agent' }, TEST_ACTOR))).to.include({ id: 'user.username_invalid', field: 'username' });
    expect(await refusal(createAccount(db, { username: 'snv-hr', role: 'agent', agency: 'SNV' }, TEST_ACTOR))).to.include({ id: 'user.exists', field: 'username', status: 409 });
    expect(await refusal(createAccount(db, { username: 'x-short', role: 'agent', password: 'short' }, TEST_ACTOR))).to.include({ id: 'user.password_invalid', field: 'password' });
  });
});
