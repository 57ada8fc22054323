// The case export (issue 14 item 7): the zip holds every inbound mail byte for byte as stored, every outbound mail
// (receipt, reply) as .eml, a PDF transcript whose text keeps Vietnamese letters (pdftotext), the events and the
// audit trail; from the ticket page and `govmail ticket:export REF --out FILE`; audited with who exported; each sent
// mail as the exact bytes the SMTP peer received (a mail not yet built is rebuilt and marked exact: false);
// another agency's case is a 404. Both databases.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import JSZip from 'jszip';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { loginAgent, testApp } from '../../support/web.js';
import { replyToTicket } from '../../../server/services/tickets/index.js';
import { startSmtpCapture } from '../../support/smtp-capture.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { addHotlineAgency, ctx, ingest, mail, staff, type Hotline } from './ticket-fixture.js';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'case-')), 't.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

forEachDb('case export (zip)', (getDb) => {
  let a: Hotline;
  let b: Hotline;
  let app: ReturnType<typeof testApp>;
  let ref: string;

  before(async () => {
    const db = getDb();
    a = await addHotlineAgency(db, 'CEA');
    b = await addHotlineAgency(db, 'CEB');
    app = testApp(db);
    const raw = mail({ to: a.address, from: 'Đặng Thị Thu <thu.dang@example.vn>', subject: 'Đề nghị sửa cầu treo bản Mường Khến',
      body: 'Kính gửi Sở, cầu treo bản Mường Khến đã hư hỏng nặng, đề nghị sửa chữa sớm.' });
    expect(await ingest(db, a, raw)).to.equal('ticket');
    const ticket = (await db.models.Ticket.findOne({ where: { agency_id: a.agencyId } }))!;
    ref = ticket.ref;
    const clerk = await staff(db, 'agent', a.agencyId);
    await replyToTicket(db, ctx, { ticketRef: ref, actor: { id: clerk.user.id, username: clerk.username, role: 'agent', agency_id: a.agencyId },
      body: 'Sở đã tiếp nhận và cử cán bộ kiểm tra cầu treo trong tuần này.' });
  });

  it('zips every mail, the transcript, the events and the audit trail; inbound byte for byte; audited', async () => {
    const db = getDb();
    const clerk = await staff(db, 'agent', a.agencyId);
    const { agent } = await loginAgent(app, clerk.username, clerk.password);
    const page = await agent.get(`/tickets/${ref}`).expect(200);
    expect(page.text).to.contain(`href="/tickets/${ref}/export.zip"`);
    const res = await agent.get(`/tickets/${ref}/export.zip`).buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).to.equal('application/zip');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="${ref}.zip"; filename*=UTF-8''${ref}.zip`);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).to.include.members(['transcript.pdf', 'events.json', 'events.csv', 'audit.json', 'audit.csv', 'manifest.json']);
    const emls = names.filter((n) => n.endsWith('.eml'));
    expect(emls.filter((n) => n.endsWith('-in.eml'))).to.have.length(1);
    expect(emls.filter((n) => n.endsWith('-out.eml'))).to.have.length(2); // the receipt and the reply

    const stored = (await db.models.RawMessage.findByPk((await db.models.Message.findOne({ where: { ticket_id: (await db.models.Ticket.findOne({ where: { ref } }))!.id, direction: 'in' } }))!.sha256))!;
    const inbound = await zip.file(emls.find((n) => n.endsWith('-in.eml'))!)!.async('nodebuffer');
    expect(inbound.equals(Buffer.from(stored.bytes))).to.equal(true);
    expect(inbound.toString('utf8')).to.contain('Đề nghị sửa cầu treo bản Mường Khến');
    const outs = await Promise.all(emls.filter((n) => n.endsWith('-out.eml')).map((n) => zip.file(n)!.async('string')));
    expect(outs.join('\n')).to.match(/^Subject: /m).and.to.match(/^Message-ID: </im);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { exportedBy: string; files: { name: string; sha256: string; exact?: boolean }[] };
    expect(manifest.exportedBy).to.equal(clerk.username);
    const { createHash } = await import('node:crypto');
    expect(manifest.files.find((f) => f.name.endsWith('-in.eml'))).to.include({ sha256: createHash('sha256').update(inbound).digest('hex'), exact: true });

    const text = pdfText(await zip.file('transcript.pdf')!.async('nodebuffer'));
    expect(text).to.contain(`Hồ sơ ${ref}`).and.contain('Đề nghị sửa cầu treo bản Mường Khến').and.contain('cử cán bộ kiểm tra cầu treo');
    const events = JSON.parse(await zip.file('events.json')!.async('string')) as { kind: string }[];
    expect(events.map((e) => e.kind)).to.include.members(['created', 'reply']);
    expect(await zip.file('events.csv')!.async('string')).to.match(/^at,kind,message_id,details\r\n/);
    const audit = JSON.parse(await zip.file('audit.json')!.async('string')) as { action: string; actor: string }[];
    expect(audit.map((x) => x.action)).to.include('ticket.export');
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.export', target: ref, actor: clerk.username } })).to.equal(1);
  });

  it('another agency\'s officer gets a 404 and nothing is audited', async () => {
    const db = getDb();
    const outsider = await staff(db, 'supervisor', b.agencyId);
    const { agent } = await loginAgent(app, outsider.username, outsider.password);
    const before = await db.models.AuditLog.count({ where: { action: 'ticket.export' } });
    const res = await agent.get(`/tickets/${ref}/export.zip`).expect(404);
    expect(res.headers['content-disposition']).to.equal(undefined);
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.export' } })).to.equal(before);
  });

  it('govmail ticket:export REF --out FILE writes the same zip and says so in --json', async function () {
    this.timeout(120_000);
    const db = getDb();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'case-cli-')), `${ref}.zip`);
    const run = await runGovmail(['ticket:export', ref, '--out', out, '--json'], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).to.equal(0);
    const json = run.json() as { ref: string; out: string; bytes: number; files: { name: string }[] };
    expect(json).to.include({ ref, out, bytes: fs.statSync(out).size });
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Object.keys(zip.files)).to.include('transcript.pdf');
    expect(json.files.map((f) => f.name)).to.include('events.json');
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.export', target: ref, actor: 'cli' } })).to.equal(1);
    const missing = await runGovmail(['ticket:export', 'KHONG-CO-2026-000001', '--out', out + '.x'], { DATABASE_URL: db.url });
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('not found');
    expect(fs.existsSync(out + '.x')).to.equal(false);
  });

  it('writes each sent mail as the exact bytes the SMTP peer received, and rebuilds only a mail with none kept', async function () {
    this.timeout(120_000);
    const db = getDb();
    const smtp = await startSmtpCapture();
    try {
      const raw = mail({ to: a.address, from: 'Hoàng Văn Nam <nam.hoang@example.vn>', subject: 'Đường liên xã Tân Lập xuống cấp',
        body: 'Đề nghị sửa đường liên xã Tân Lập.' });
      expect(await ingest(db, a, raw)).to.equal('ticket');
      const ticket = (await db.models.Ticket.findOne({ where: { agency_id: a.agencyId }, order: [['id', 'DESC']] }))!;
      const clerk = await staff(db, 'agent', a.agencyId);
      const actor = { id: clerk.user.id, username: clerk.username, role: 'agent' as const, agency_id: a.agencyId };
      await replyToTicket(db, ctx, { ticketRef: ticket.ref, actor, body: 'Sở sẽ cử người kiểm tra tuyến đường trong tuần.' });
      const transport = createMailTransport(smtp.url);
      try { expect((await flushOutbox(db, transport)).sent).to.be.at.least(2); } finally { transport.close(); }
      // a reply still queued: no bytes built yet, so the export rebuilds it and says so
      await replyToTicket(db, ctx, { ticketRef: ticket.ref, actor, body: 'Thư bổ sung chưa gửi.' });
      const rows = await db.models.Outbox.findAll({ where: { ticket_id: ticket.id }, order: [['id', 'ASC']] });
      expect(rows.map((r) => r.status)).to.deep.equal(['sent', 'sent', 'queued']);

      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'case-exact-')), `${ticket.ref}.zip`);
      const run = await runGovmail(['ticket:export', ticket.ref, '--out', out], { DATABASE_URL: db.url });
      expect(run.code, run.stderr).to.equal(0);
      const zip = await JSZip.loadAsync(fs.readFileSync(out));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { files: { name: string; exact?: boolean }[] };
      const outs = manifest.files.filter((f) => f.name.endsWith('-out.eml'));
      expect(outs).to.have.length(3);
      const messageId = (b: Buffer) => /^Message-ID:\s*(<[^>]+>)/im.exec(b.toString('utf8'))?.[1];
      let exact = 0;
      for (const f of outs) {
        const bytes = await zip.file(f.name)!.async('nodebuffer');
        const row = rows.find((r) => r.message_id === messageId(bytes))!;
        expect(row, `${f.name} is an outbox mail of the case`).to.exist;
        if (row.status === 'sent') {
          const captured = smtp.messages.find((m) => messageId(m.raw) === row.message_id)!;
          expect(captured, `${row.kind} captured by the SMTP peer`).to.exist;
          expect(Buffer.compare(bytes, captured.raw), `${f.name} equals the bytes sent`).to.equal(0);
          expect(f.exact).to.equal(true);
          exact += 1;
        } else {
          expect(f.exact, 'a queued mail is rebuilt').to.equal(false);
          expect(bytes.toString('utf8')).to.contain('Subject: ');
        }
      }
      expect(exact).to.equal(2); // the receipt and the sent reply
    } finally {
      await smtp.stop();
    }
  });
});
