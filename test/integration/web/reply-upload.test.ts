// The reply form's upload (middleware/multipart-form.ts), both databases: only those who may write to tickets make
// the server read a multipart body; a body over the limit from an officer gives the ticket page again with the
// limit next to the attachment field and the typed text kept, not a bare 413.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, csrfOf } from '../../support/web.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';

const MAX_BYTES = 1024;
/** Past the limit and the 1 MB allowed for the fields around the files. */
const TOO_BIG = Buffer.alloc(MAX_BYTES + 1024 * 1024 + 4096, 0x25);

forEachDb('reply upload: who may upload, and an oversized upload', (getDb) => {
  it('does not read a leader\'s multipart body: refused before any byte is buffered, not "too large"', async () => {
    const db = getDb();
    const agency = await buildAgency(db);
    const ticket = await buildTicket(db, { agency_id: agency.id, received: '2026-03-10T08:00' });
    const app = testApp(db, { replyAttachmentMaxBytes: MAX_BYTES });
    const leader = await buildUser(db, { role: 'leader', agencyId: agency.id });
    const { agent, csrf } = await loginAgent(app, leader.username, leader.password);
    await agent.post(`/tickets/${ticket.ref}/reply`).field('_csrf', csrf).field('body', 'Trả lời')
      .attach('attachment', TOO_BIG, { filename: 'lon.pdf', contentType: 'application/pdf' }).expect(403);
  });

  it('names the limit and the file in an attachment refusal, also past what the server reads, and keeps the typed text', async () => {
    const db = getDb();
    const agency = await buildAgency(db);
    const ticket = await buildTicket(db, { agency_id: agency.id, received: '2026-03-10T08:00' });
    const app = testApp(db, { replyAttachmentMaxBytes: 1024 * 1024 });
    const officer = await buildUser(db, { role: 'agent', agencyId: agency.id });
    const { agent } = await loginAgent(app, officer.username, officer.password);
    const page = (await agent.get(`/tickets/${ticket.ref}`).expect(200)).text;
    const form = () => agent.post(`/tickets/${ticket.ref}/reply`).field('_csrf', csrfOf(page)).field('version', /name="version" value="(\d+)"/.exec(page)![1])
      .field('body', 'Kính gửi ông, Sở đã xem xét phản ánh.');
    const big = await form().attach('attachment', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1536 * 1024, 0x20)]), { filename: 'cong-van.pdf', contentType: 'application/pdf' }).expect(422);
    expect(big.text).to.contain('Tệp đính kèm quá lớn: tổng cộng tối đa 1 MB.').and.contain('Kính gửi ông, Sở đã xem xét phản ánh.');
    // Past what the server reads at all (the limit and 1 MB for the fields): the same page, not a bare 413.
    const huge = await form().attach('attachment', Buffer.alloc(2 * 1024 * 1024 + 4096, 0x25), { filename: 'ban-scan.pdf', contentType: 'application/pdf' }).expect(422);
    expect(huge.text).to.contain('data-testid="attachment-error"').and.contain('Tệp đính kèm quá lớn: tổng cộng tối đa 1 MB.')
      .and.contain('Kính gửi ông, Sở đã xem xét phản ánh.');
    expect(await db.models.Outbox.count({ where: { ticket_id: ticket.id } }), 'nothing sent').to.equal(0);
    const exe = await form().attach('attachment', Buffer.from('MZ\x90\x00 chương trình'), { filename: 'giay-moi.exe', contentType: 'application/pdf' }).expect(422);
    expect(exe.text).to.contain('Không đính kèm được tệp giay-moi.');
  });
});
