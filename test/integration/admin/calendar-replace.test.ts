// Issue 15 item 4 on /admin/sla and /admin/calendar: each action shows its notice once (the layout draws the one
// flash; the pages used to draw a second), and adding an override on a date that already has one
// asks before replacing it instead of silently overwriting its reason.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { adminWorld, type AdminWorld } from './admin-fixture.js';
import { calendarYear } from '../../../server/services/sla/index.js';

const flashes = (html: string) => html.split('data-testid="flash"').length - 1;

forEachDb('issue 15 item 4: calendar duplicates and one flash per action', (getDb) => {
  let admin: AdminWorld['admin'];
  let adminName: string;
  before(async () => {
    ({ admin, adminName } = await adminWorld(getDb()));
  });
  const add = (fields: Record<string, string>) => admin.agent.post('/admin/calendar').type('form').send({ _csrf: admin.csrf, ...fields });
  const override = async (date: string) => (await calendarYear(getDb(), Number(date.slice(0, 4)))).overrides.find((o) => o.date === date);

  it('issue 15 item 4: shows one success message after saving on the SLA and calendar pages', async () => {
    const sla = await admin.agent.get('/admin/sla?saved=2').expect(200);
    expect(sla.text).to.contain('Đã lưu: 2 ô thay đổi');
    expect(flashes(sla.text)).to.equal(1);
    expect(sla.text.split('Đã lưu: 2 ô thay đổi').length - 1).to.equal(1);
    for (const done of ['added', 'removed']) {
      const cal = await admin.agent.get(`/admin/calendar?year=2027&done=${done}`).expect(200);
      expect(flashes(cal.text), done).to.equal(1);
    }
    const cal = await admin.agent.get('/admin/calendar?year=2027&done=added').expect(200);
    expect(cal.text.split('Đã lưu điều chỉnh lịch').length - 1).to.equal(1);
    const plain = await admin.agent.get('/admin/calendar?year=2027').expect(200);
    expect(flashes(plain.text)).to.equal(0);
  });

  it('issue 15 item 4: asks before replacing an override on the same date, and replaces it only when confirmed', async () => {
    const db = getDb();
    await add({ date: '2027-05-14', kind: 'off', reason: 'QĐ 5/QĐ-UBND: nghỉ bù' }).expect(303);
    // The same override again changes nothing and asks nothing.
    await add({ date: '2027-05-14', kind: 'off', reason: 'QĐ 5/QĐ-UBND: nghỉ bù' }).expect(303);
    const ask = await add({ date: '14/05/2027', kind: 'work', reason: 'Làm bù' }).expect(200); // typed day/month/year
    expect(ask.text).to.contain('data-testid="confirm"').and.contain('name="confirm" value="1"')
      .and.contain('Ngày 14/05/2027 đã có điều chỉnh').and.contain('QĐ 5/QĐ-UBND: nghỉ bù').and.contain('Làm bù');
    expect(ask.text).to.contain('name="reason" value="Làm bù"').and.contain('name="kind" value="work"');
    expect((await override('2027-05-14'))).to.include({ kind: 'off', reason: 'QĐ 5/QĐ-UBND: nghỉ bù' });
    const done = await add({ date: '2027-05-14', kind: 'work', reason: 'Làm bù', confirm: '1' }).expect(303);
    expect(done.headers.location).to.equal('/admin/calendar?year=2027&done=added');
    expect((await override('2027-05-14'))).to.include({ kind: 'work', reason: 'Làm bù' });
    expect(await db.models.CalendarOverride.count({ where: { date: '2027-05-14' } })).to.equal(1);
    expect(await db.models.AuditLog.count({ where: { actor: adminName, action: 'calendar.override_set', target: '2027-05-14' } })).to.equal(3);
  });

  it('issue 15 item 4: adds a note to a public holiday without asking, since nothing is replaced', async () => {
    await add({ date: '2027-04-16', kind: 'off', reason: 'Nghỉ giỗ tổ' }).expect(303);
    expect((await calendarYear(getDb(), 2027)).daysOff.find((d) => d.date === '2027-04-16')?.name).to.equal('Giỗ tổ Hùng Vương; Nghỉ giỗ tổ');
  });
});
