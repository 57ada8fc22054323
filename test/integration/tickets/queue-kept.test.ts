// A queue page is kept until the tickets change (services/tickets/change-mark.ts), on both databases: the same
// request twice is answered from the kept page, an action on a ticket (which writes its event) or a new ticket
// shows on the next request, a page is never handed to an officer of another scope, and a caller naming its own
// clock gets a page computed at that instant. A user's saved views are kept too, under their user row's updated_at,
// which saving or deleting one sets: the next drawing shows the change.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { assignTicket, listQueue } from '../../../server/services/tickets/index.js';
import { addHotlineAgency, citizenMail, staff } from './ticket-fixture.js';

forEachDb('queue page kept until the tickets change', (getDb) => {
  let seq = 0;
  const agency = async () => addHotlineAgency(getDb(), `K${String.fromCharCode(65 + seq++)}`);
  const refs = (page: Awaited<ReturnType<typeof listQueue>>) => page.items.map((i) => i.ref);

  it('answers the same request from the kept page until an action or a new ticket moves the mark', async () => {
    const db = getDb();
    const a = await agency();
    const t1 = await citizenMail(db, a, { subject: 'Phản ánh đèn đường hỏng' });
    const officer = (await staff(db, 'agent', a.agencyId)).user;
    const first = await listQueue(db, { actor: officer, filter: {} });
    expect(refs(first)).to.deep.equal([t1.ref]);
    expect(await listQueue(db, { actor: officer, filter: {} })).to.equal(first);
    // another officer of the agency asking the same is handed the same page
    const colleague = (await staff(db, 'agent', a.agencyId)).user;
    expect(await listQueue(db, { actor: colleague, filter: {} })).to.equal(first);

    await assignTicket(db, { ticketRef: t1.ref, actor: officer, assigneeId: colleague.id });
    const assigned = await listQueue(db, { actor: officer, filter: {} });
    expect(assigned).to.not.equal(first);
    expect(assigned.items[0]!.assignee).to.equal(colleague.display_name);

    const t2 = await citizenMail(db, a, { subject: 'Đề nghị sửa cầu treo' });
    const grown = await listQueue(db, { actor: officer, filter: {} });
    expect(refs(grown)).to.have.members([t1.ref, t2.ref]);
    expect(grown.total).to.equal(2);
  });

  it('never hands a page to an officer of another scope, and computes a page at a caller\'s own clock', async () => {
    const db = getDb();
    const [a, b] = [await agency(), await agency()];
    const ta = await citizenMail(db, a, { subject: 'Hồ sơ của cơ quan A' });
    const tb = await citizenMail(db, b, { subject: 'Hồ sơ của cơ quan B' });
    const officerA = (await staff(db, 'agent', a.agencyId)).user;
    const officerB = (await staff(db, 'agent', b.agencyId)).user;
    const pageA = await listQueue(db, { actor: officerA, filter: {} });
    const pageB = await listQueue(db, { actor: officerB, filter: {} });
    expect(refs(pageA)).to.deep.equal([ta.ref]);
    expect(refs(pageB)).to.deep.equal([tb.ref]);
    // an agent's agency filter is ignored (their scope stays theirs), and does not reach the other agency's page
    expect(refs(await listQueue(db, { actor: officerA, filter: { agency: b.agencyId } }))).to.deep.equal([ta.ref]);

    const now = new Date();
    const atNow = await listQueue(db, { actor: officerA, filter: {}, now });
    expect(atNow).to.not.equal(pageA);
    expect(await listQueue(db, { actor: officerA, filter: {}, now })).to.not.equal(atNow);
    expect(refs(atNow)).to.deep.equal([ta.ref]);
  });

  it('shows a saved view on the next drawing and drops a deleted one, though the views are kept between drawings', async () => {
    const db = getDb();
    const a = await agency();
    const { agent, csrf } = await loginAgent(testApp(db), await staff(db, 'agent', a.agencyId));
    const drawn = async () => (await agent.get('/tickets').expect(200)).text;
    expect(await drawn()).to.not.contain('Cầu treo khẩn');
    expect(await drawn()).to.not.contain('Cầu treo khẩn'); // kept under the user's mark now
    await agent.post('/tickets/views').type('form').send({ _csrf: csrf, name: 'Cầu treo khẩn', query: 'priority=urgent' }).expect(303);
    expect(await drawn()).to.contain('Cầu treo khẩn');
    const view = (await db.models.QueueView.findOne({ where: { name: 'Cầu treo khẩn' } }))!;
    await agent.post(`/tickets/views/${view.id}/delete`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await drawn()).to.not.contain('Cầu treo khẩn');
  });
});
