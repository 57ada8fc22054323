// Issue 14 item 2, both databases: a citizen's attachments listed on the ticket page and downloaded with a safe
// Content-Disposition (a hostile name can neither inject a header nor climb a path), dangerous types flagged and
// served as octet-stream; the raw .eml byte for byte as received; another agency's user gets the same 404 as for
// a ticket that does not exist. Real parts: ingestMessage stores the mail, the app (supertest) serves it.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { addHotlineAgency, ingest, staff, type Hotline } from './ticket-fixture.js';

const HOSTILE = '../../x"\r\nX-Injected: yes; .html';
/** A citizen mail with three attachments: a PDF with a Vietnamese name, a hostile HTML name (RFC 2231, CR LF in it), an exe. */
function mailWithFiles(to: string): Buffer {
  const b = 'b0undary-42';
  const part = (headers: string[], body: string) => [`--${b}`, ...headers, '', body].join('\r\n');
  return Buffer.from([
    'From: Lê Thị Hoa <hoa.congdan@example.vn>', `To: ${to}`, 'Subject: Đơn khiếu nại kèm giấy tờ', `Message-ID: <files-${Date.now()}@citizen.example>`,
    'Date: Mon, 02 Mar 2026 09:15:00 +0700', 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`, '',
    part(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], 'Kính gửi Sở, tôi gửi kèm giấy tờ.'),
    part(['Content-Type: application/pdf', 'Content-Transfer-Encoding: base64',
      "Content-Disposition: attachment; filename*=UTF-8''%C4%90%C6%A1n%20khi%E1%BA%BFu%20n%E1%BA%A1i.pdf"], Buffer.from('%PDF-1.4 giả\n').toString('base64')),
    part(['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(HOSTILE)}`], Buffer.from('<script>alert(1)</script>').toString('base64')),
    part(['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="cong-van.pdf.exe"'],
      Buffer.from('MZ').toString('base64')),
    `--${b}--`, ''].join('\r\n'), 'utf8');
}

forEachDb('ticket page: attachments and the raw mail', (getDb) => {
  let stc: Hotline;
  let ref: string;
  let messageId: number;
  let raw: Buffer;

  before(async () => {
    const db = getDb();
    stc = await addHotlineAgency(db, 'STC');
    await addHotlineAgency(db, 'SXD');
    raw = mailWithFiles(stc.address);
    expect(await ingest(db, stc, raw)).to.equal('ticket');
    const ticket = (await db.models.Ticket.findOne({ where: { agency_id: stc.agencyId } }))!;
    ref = ticket.ref;
    messageId = (await db.models.Message.findOne({ where: { ticket_id: ticket.id } }))!.id;
  });

  it('lists each attachment with its name, size and type, and flags the dangerous ones', async () => {
    const db = getDb();
    const officer = await staff(db, 'agent', stc.agencyId);
    const { agent } = await loginAgent(testApp(db), officer.username, officer.password);
    const page = (await agent.get(`/tickets/${ref}`).expect(200)).text;
    const files = [...page.matchAll(/<li( class="file-dangerous")? data-testid="msg-file">([\s\S]*?)<\/li>/g)];
    expect(files).to.have.length(3);
    expect(files[0]![2]).to.contain('Đơn khiếu nại.pdf').and.contain('application/pdf').and.contain(' B');
    expect(files[0]![1]).to.equal(undefined);
    expect(files[1]![1], 'the HTML file is flagged').to.equal(' class="file-dangerous"');
    expect(files[1]![2]).to.contain('data-testid="file-dangerous"').and.not.contain('<script>');
    expect(files[2]![2]).to.contain('cong-van.pdf.exe').and.contain('data-testid="file-dangerous"');
    expect(page).to.contain(`href="/tickets/${ref}/messages/${messageId}/raw"`).and.contain('Tải thư gốc (.eml)');
  });

  it('downloads with an RFC 6266 name that no hostile filename can break, dangerous types as octet-stream', async () => {
    const db = getDb();
    const officer = await staff(db, 'leader', stc.agencyId);
    const { agent } = await loginAgent(testApp(db), officer.username, officer.password);
    const pdf = await agent.get(`/tickets/${ref}/messages/${messageId}/files/1`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.equal(`attachment; filename="Don khieu nai.pdf"; filename*=UTF-8''${encodeURIComponent('Đơn khiếu nại.pdf')}`);
    expect(pdf.headers['x-content-type-options']).to.equal('nosniff');
    expect(Buffer.from(pdf.body as Buffer).toString('utf8')).to.equal('%PDF-1.4 giả\n');
    const html = await agent.get(`/tickets/${ref}/messages/${messageId}/files/2`).buffer(true).expect(200);
    expect(html.headers['content-type']).to.equal('application/octet-stream');
    expect(html.headers['x-injected']).to.equal(undefined);
    const disposition = String(html.headers['content-disposition']);
    expect(disposition).to.match(/^attachment; filename="[^"\\/\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]*$/);
    expect(disposition).to.not.contain('/').and.not.contain('..').and.not.match(/[\r\n]/);
    expect(html.headers['content-security-policy']).to.contain('sandbox');
    const exe = await agent.get(`/tickets/${ref}/messages/${messageId}/files/3`).buffer(true).expect(200);
    expect(exe.headers['content-type']).to.equal('application/octet-stream');
    await agent.get(`/tickets/${ref}/messages/${messageId}/files/4`).expect(404);
  });

  it('serves the raw .eml exactly as received, and nothing of it to another agency', async () => {
    const db = getDb();
    const officer = await staff(db, 'agent', stc.agencyId);
    const { agent } = await loginAgent(testApp(db), officer.username, officer.password);
    const res = await agent.get(`/tickets/${ref}/messages/${messageId}/raw`).buffer(true)
      .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); })
      .expect(200);
    expect(res.headers['content-type']).to.match(/^message\/rfc822/);
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="${ref}-thu-${messageId}.eml"; filename*=UTF-8''${ref}-thu-${messageId}.eml`);
    expect(Buffer.compare(res.body as Buffer, raw)).to.equal(0);
    // The case export is a download of the same kind (one helper for every download: web/download.ts).
    const zip = await agent.get(`/tickets/${ref}/export.zip`).buffer(true)
      .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); })
      .expect(200);
    expect([zip.headers['content-security-policy'], zip.headers['x-content-type-options'], zip.headers['content-disposition']])
      .to.deep.equal(["default-src 'none'; sandbox", 'nosniff', `attachment; filename="${ref}.zip"; filename*=UTF-8''${ref}.zip`]);

    const sxd = (await db.models.Agency.findOne({ where: { code: 'SXD' } }))!;
    const outsider = await staff(db, 'supervisor', sxd.id);
    const other = (await loginAgent(testApp(db), outsider.username, outsider.password)).agent;
    const unknown = await other.get(`/tickets/STC-2099-999999/messages/${messageId}/raw`).expect(404);
    for (const path of [`/tickets/${ref}`, `/tickets/${ref}/messages/${messageId}/raw`, `/tickets/${ref}/messages/${messageId}/files/1`]) {
      const refused = await other.get(path).expect(404);
      expect(refused.text).to.equal(unknown.text);
    }
    // A message id of this ticket asked through another ticket's ref is not found either.
    const hers = await staff(db, 'agent', sxd.id);
    const own = (await loginAgent(testApp(db), hers.username, hers.password)).agent;
    await own.get(`/tickets/${ref}/messages/${messageId + 1000}/raw`).expect(404);
  });
});
