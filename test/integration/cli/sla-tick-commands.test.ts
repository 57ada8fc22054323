import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { openTicket, setupOrg, type Org } from '../sla/sla-fixture.js';

forEachDb('govmail ticket:pause / ticket:resume / ticket:refer / holiday:add', (getDb) => {
  let org: Org;
  let env: Record<string, string>;
  before(async () => {
    org = await setupOrg(getDb());
    env = { DATABASE_URL: getDb().url };
  });

  it('pauses only with a legal reason, and resume moves the deadline by the paused working time', async function () {
    this.timeout(60_000);
    const t = await openTicket(getDb(), '2027-03-01T09:00:00+07:00', 'Hỏi thủ tục', 'Xin hỏi thủ tục hành chính.', null, org);
    const bad = await runGovmail(['ticket:pause', t.ref, '--reason', 'busy'], env);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('waiting_citizen');
    const paused = await runGovmail(['ticket:pause', t.ref, '--reason', 'waiting_citizen', '--at', '2027-03-02T09:00:00+07:00', '--json'], env);
    expect(paused.code, paused.stderr).to.equal(0);
    expect(paused.json()).to.include({ paused: true, pause_reason: 'waiting_citizen', resolution_due: '2027-03-16T17:00:00+07:00' });
    // Paused Tue 9:00 → Wed 9:00 is one full working day (450 office minutes): due moves from Tue 16/3 17:00 to Wed 17/3 17:00.
    const resumed = await runGovmail(['ticket:resume', t.ref, '--at', '2027-03-03T09:00:00+07:00', '--json'], env);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.json()).to.include({ paused: false, resolution_due: '2027-03-17T17:00:00+07:00' });
    // The operator's pause and resume are audited like the page's, with the reason.
    const rows = await getDb().models.AuditLog.findAll({ where: { target: t.ref }, order: [['id', 'ASC']] });
    expect(rows.map((r) => [r.actor, r.action])).to.deep.equal([['cli', 'ticket.pause'], ['cli', 'ticket.resume']]);
    expect(JSON.parse(String(rows[0]!.details))).to.include({ reason: 'waiting_citizen' });
  });

  it('refers a ticket to another agency and reports the new case', async function () {
    this.timeout(60_000);
    const t = await openTicket(getDb(), '2027-03-01T09:00:00+07:00', 'Cơi nới', 'Nhà bên cạnh cơi nới lấn chiếm vỉa hè.', null, org);
    const run = await runGovmail(['ticket:refer', t.ref, '--to', 'SXD', '--reason', 'Thuộc thẩm quyền Sở Xây dựng', '--at', '2027-03-02T10:00:00+07:00', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.include({ ref: t.ref, to: 'SXD', on_time: true, notice_queued: true });
    expect(run.json<{ new_ref: string }>().new_ref).to.match(/^SXD-2027-/);
  });

  it('holiday:add makes sla:due skip the new day off', async function () {
    this.timeout(60_000);
    const add = await runGovmail(['holiday:add', '2027-03-05', '--reason', 'Nghỉ bù theo quyết định của tỉnh', '--json'], env);
    expect(add.code, add.stderr).to.equal(0);
    expect(add.json()).to.include({ date: '2027-03-05', kind: 'off', scope: 'province' });
    const due = await runGovmail(['sla:due', '--from', '2027-03-04T09:00:00+07:00', '--add', '1 working day', '--json'], env);
    expect(due.json<{ due: string }>().due).to.equal('2027-03-08T17:00:00+07:00');
  });
});
