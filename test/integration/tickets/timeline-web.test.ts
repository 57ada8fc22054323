// Issue 14 item 8: the ticket page shows a run of repeated SLA notices as one timeline line (how many, and when
// the last was), while the events table keeps one row per step. Real parts: the SLA ticker writes the events,
// the notes service one person's note between them, the app (supertest) renders the page.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp } from '../../support/web.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { addNote } from '../../../server/services/tickets/index.js';
import { openTicket, setupOrg, type Org } from '../sla/sla-fixture.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The timeline's lines in page order: kind, and the count a merged line carries (1 for the others). */
function timelineLines(html: string): [string, number][] {
  const list = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)![1]!;
  return [...list.matchAll(/data-testid="event-([a-z_]+)"(?: data-count="(\d+)")?/g)].map((m) => [m[1]!, Number(m[2] ?? 1)]);
}

forEachDb('ticket page: repeated reminders on the timeline', (getDb) => {
  let org: Org;
  before(async () => {
    org = await setupOrg(getDb());
  });

  it('shows consecutive reminders as one line with their count, split by what a person did in between', async function () {
    this.timeout(60_000);
    const db = getDb();
    const t = await openTicket(db, '2026-10-05T09:00:00+07:00', 'Đề nghị sửa đường liên thôn', 'Đường hỏng nặng.', null, org);
    const clock = (await getClock(db, t.id))!;
    // The ticker first runs a minute before the deadline (after an outage, say): every earlier step fires at once.
    const early = (await slaTick(db, new Date(clock.resolution_due!.getTime() - MINUTE_MS), { from: 'no-reply@stc.gov.vn' }))
      .fired.filter((f) => f.ticketId === t.id);
    expect(early.map((f) => f.kind)).to.satisfy((kinds: string[]) => kinds.length >= 2 && kinds.every((k) => k === 'reminder'));
    const writer = await buildUser(db, { role: 'agent', agencyId: org.stc.id, displayName: 'Cán bộ Ghi' });
    const actor = (await db.models.User.findOne({ where: { username: writer.username } }))!;
    await addNote(db, { ticketRef: t.ref, actor, text: 'Đã gọi cho công dân.', now: new Date(clock.resolution_due!.getTime() - MINUTE_MS / 2) });
    // Then well past the deadline: "due", the escalation and "overdue by a working day".
    const late = (await slaTick(db, new Date(clock.resolution_due!.getTime() + 7 * DAY_MS), { from: 'no-reply@stc.gov.vn' }))
      .fired.filter((f) => f.ticketId === t.id);
    expect(late.map((f) => f.kind)).to.deep.equal(['reminder', 'escalation', 'reminder']);

    const stored = await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: ['reminder', 'escalation'] } });
    expect(stored, 'one stored event per step').to.have.length(early.length + late.length);

    const { agent } = await loginAgent(testApp(db), writer.username, writer.password);
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    const lines = timelineLines(page.text).filter(([kind]) => ['reminder', 'escalation', 'note'].includes(kind));
    expect(lines).to.deep.equal([['reminder', early.length], ['note', 1], ['reminder', 1], ['escalation', 1], ['reminder', 1]]);
    expect(page.text).to.contain(`${early.length} lần, lần cuối lúc`);
  });
});
