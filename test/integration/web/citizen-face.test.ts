// Issue 15 item 5, the citizen's face on both databases: the province's name and emblem on /tra-cuu and in the
// receipt, the receipt's link to the lookup with the ref filled in (never the code), and one error message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, csrfOf } from '../../support/web.js';
import { addHotlineAgency, citizenMail, type Hotline } from '../tickets/ticket-fixture.js';

// A 1×1 PNG: a province's own emblem in another format than the default SVG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

forEachDb('citizen face', (getDb) => {
  let hotline: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    hotline = await addHotlineAgency(getDb(), 'SGT');
    app = testApp(getDb());
  });

  it('shows the province name and its emblem on /tra-cuu, and serves the neutral emblem by default', async () => {
    const page = await request(app).get('/tra-cuu').expect(200);
    expect(page.text).to.match(/data-testid="province-name">Tỉnh Hòa Bình</);
    expect(page.text).to.contain('<img src="/emblem" alt="Biểu trưng Tỉnh Hòa Bình"');
    const emblem = await request(app).get('/emblem').expect(200);
    expect(emblem.headers['content-type']).to.match(/^image\/svg\+xml/);
  });

  it('takes the name and emblem the configuration gives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-emblem-'));
    try {
      const file = path.join(dir, 'emblem.png');
      fs.writeFileSync(file, PNG);
      const own = testApp(getDb(), { face: { provinceName: 'UBND tỉnh Thử Nghiệm', emblemFile: file } });
      const page = await request(own).get('/tra-cuu?lang=en').expect(200);
      expect(page.text).to.contain('UBND tỉnh Thử Nghiệm').and.contain('alt="Emblem of UBND tỉnh Thử Nghiệm"');
      const emblem = await request(own).get('/emblem').expect(200);
      expect(emblem.headers['content-type']).to.equal('image/png');
      expect(Buffer.compare(emblem.body as Buffer, PNG)).to.equal(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mails a receipt with the province name and a link to the lookup with the ref filled in, never the code', async () => {
    const t = await citizenMail(getDb(), hotline, { subject: 'Rác thải ở chợ' });
    const ack = (await getDb().models.Outbox.findOne({ where: { idempotency_key: `ack:${t.id}` } }))!;
    const link = `https://govmail.test/tra-cuu?ref=${t.ref}`;
    // Handlebars writes = as &#x3D; in HTML; a browser reads both the same.
    const html = ack.html_body!.replaceAll('&#x3D;', '=');
    for (const body of [ack.text_body, html]) {
      expect(body).to.contain('Tỉnh Hòa Bình').and.contain(link);
      expect(body).not.to.match(new RegExp(`[?&]code=|${t.code}[^<\\s]*\\?|tra-cuu[^\\s"<]*${t.code}`));
    }
    expect(html).to.contain(`<a href="${link}">`).and.contain('<img src="https://govmail.test/emblem"');
  });

  it('fills the ref from the receipt\'s link, upper-cased, and leaves the code for the citizen to type', async () => {
    const page = await request(app).get('/tra-cuu?ref=sgt-2026-000123').expect(200);
    expect(page.text).to.match(/<input id="f-ref" name="ref" type="text" value="SGT-2026-000123"/);
    expect(page.text).to.match(/<input id="f-code" name="code" type="text" value="" autocomplete="off" inputmode="numeric"/);
    const odd = await request(app).get('/tra-cuu?ref=%22%3E%3Cscript%3E').expect(200);
    expect(odd.text).to.match(/<input id="f-ref" name="ref" type="text" value=""/);
  });

  it('says a wrong code\'s error once, on a 404, with the ref kept and the code emptied', async () => {
    const t = await citizenMail(getDb(), hotline);
    const wrongCode = String((Number(t.code) + 1) % 100_000_000).padStart(8, '0');
    const agent = request.agent(app);
    const form = await agent.get('/tra-cuu').expect(200);
    const res = await agent.post('/tra-cuu').type('form').send({ _csrf: csrfOf(form.text), ref: t.ref, code: wrongCode }).expect(404);
    expect(res.text.split('Không tìm thấy hồ sơ').length - 1).to.equal(1);
    expect(res.text.split('role="alert"').length - 1).to.equal(1);
    expect(res.text).not.to.contain('aria-invalid');
    expect(res.text).to.contain(`value="${t.ref}"`).and.not.contain(wrongCode);
  });
});
