// Hostile HTML (issue 14 acceptance): every HTML mail of the corpus (test/support/corpus.ts), stored as ingestion
// stores it (sanitised once, prepared-message.ts) and shown on the ticket page as staff see it (a sandboxed srcdoc
// frame), makes 0 dialogs, 0 script runs and 0 requests to any host but the app. One more mail carries raw,
// unsanitised attacks, to hold the frame's sandbox and the page's CSP alone to the same bar. Many mails per ticket,
// so one page load renders a batch. Script runs are caught by a sentinel: every attack and the page count into
// window.__x. Requests are caught by the browser's proxy (support/offsite-catcher.ts): what reaches it left.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { startOffsiteCatcher, type OffsiteCatcher } from '../support/offsite-catcher.js';
import { corpusFile, corpusHas, corpusIndex } from '../support/corpus.js';
import { parseAndClassify } from '../../server/services/ingestion/prepared-message.js';
import { addHotlineAgency, citizenMail, ctx, staff } from '../integration/tickets/ticket-fixture.js';

const MAILS_PER_PAGE = 60;
/** Written as the sanitiser would never let it through: the sandbox alone must hold. */
const RAW_ATTACKS = [
  '<script>parent.__x++;top.__x++;alert(1)</script>',
  '<img src="x" onerror="parent.__x++;alert(2)">',
  '<svg onload="parent.__x++"></svg>',
  '<body onload="parent.__x++">',
  '<iframe src="javascript:parent.parent.__x++"></iframe>',
  '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
  '<link rel="stylesheet" href="http://evil.example/x.css"><img src="http://evil.example/pixel.gif">',
  '<form action="http://evil.example/"><input autofocus onfocus="parent.__x++"></form>',
  '<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/y">',
  '<a href="javascript:parent.__x++" id="j">j</a><script>document.getElementById("j").click()</script>',
].join('\n');

describe('e2e: hostile HTML of the corpus on the ticket page', function () {
  this.timeout(600_000);
  let e2e: E2e;
  let catcher: OffsiteCatcher;
  let browser: Browser;
  const refs: string[] = [];
  let htmlMails = 0;
  let user: { username: string; password: string };

  before(async () => {
    e2e = await startE2e();
    catcher = await startOffsiteCatcher();
    browser = await launchBrowser(catcher.browserArgs);
    const db = e2e.db;
    const hotline = await addHotlineAgency(db, 'HTML');
    const htmls: string[] = [];
    for (const entry of corpusIndex()) {
      if (!corpusHas(entry.path)) continue;
      const parsed = await parseAndClassify(corpusFile(entry.path), ctx);
      if (parsed.ok && parsed.forms.htmlSanitized) htmls.push(parsed.forms.htmlSanitized);
    }
    htmlMails = htmls.length;
    htmls.push(RAW_ATTACKS);
    // Each batch on a ticket opened the production way; its mails as further inbound rows (no text, so the HTML
    // frame shows open, as for an HTML-only mail).
    for (let i = 0; i < htmls.length; i += MAILS_PER_PAGE) {
      const t = await citizenMail(db, hotline, { subject: `Thư HTML lô ${i / MAILS_PER_PAGE + 1}` });
      refs.push(t.ref);
      for (const [j, html] of htmls.slice(i, i + MAILS_PER_PAGE).entries()) {
        const sha256 = createHash('sha256').update(`${i}:${j}:${html}`).digest('hex');
        await db.models.RawMessage.create({ sha256, bytes: Buffer.from(html), size: html.length, created_at: new Date() });
        await db.models.Message.create({ inbox_id: null, uid_validity: null, uid: null, message_id: `<html-${i + j}@corpus.test>`, sha256, direction: 'in',
          classification: 'human', class_reason: null, ticket_id: t.id, from_address: 'congdan@example.vn', subject: `Thư ${i + j + 1}`, text_body: '',
          html_sanitized: html, search_text: '', quarantine_reason: null, quarantine_detail: null, received_at: new Date() } as never);
      }
    }
    user = await staff(db, 'agent', hotline.agencyId);
  });
  after(async () => {
    await browser?.close();
    await catcher?.close();
    await e2e?.stop();
  });

  it('the sentinel counts a script run when a frame is not sandboxed (the check can fail)', async () => {
    const page = await e2e.newPage();
    await page.setContent('<script>window.__x = 0</script><iframe srcdoc="<script>parent.__x++</script>"></iframe>');
    await page.waitForFunction(() => (window as unknown as { __x: number }).__x > 0);
    await page.close();
  });

  it('the proxy records a request a sandboxed frame makes when no CSP stops it (the check can fail)', async () => {
    const page = await browser.newPage();
    const before = catcher.hits().length;
    await page.setContent('<iframe sandbox="" srcdoc="<img src=&quot;http://leak.example/pixel.gif&quot;>"></iframe>');
    // The frame's image loads on its own; wait (up to 5 s) for it to arrive rather than for a fixed time.
    for (let i = 0; i < 50 && catcher.hits().length === before; i++) await new Promise((r) => setTimeout(r, 100));
    await page.close();
    expect(catcher.hits().slice(before)).to.include('GET http://leak.example/pixel.gif HTTP/1.1');
  });

  it('renders every HTML mail with 0 dialogs, 0 script runs and 0 requests off the app', async () => {
    expect(htmlMails, 'HTML mails found in the corpus').to.be.greaterThan(20);
    const started = Date.now();
    const context = await browser.newContext({ baseURL: e2e.baseUrl });
    const before = catcher.hits().length;
    const dialogs: string[] = [];
    const page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.addInitScript(() => { (window as unknown as { __x: number }).__x = 0; });
    await loginInBrowser(page, user.username, user.password);
    let frames = 0;
    for (const ref of refs) {
      await page.goto(`/tickets/${ref}`, { waitUntil: 'load' });
      const shown = await page.$$eval('iframe.mail-html', (fs) => fs.map((f) => ({ sandbox: f.getAttribute('sandbox'), srcdoc: f.hasAttribute('srcdoc') })));
      expect(shown.every((f) => f.sandbox === '' && f.srcdoc), `${ref}: every mail in an empty-sandbox srcdoc frame`).to.equal(true);
      frames += shown.length;
      expect(await page.evaluate(() => (window as unknown as { __x: number }).__x), `${ref}: script runs`).to.equal(0);
    }
    await context.close();
    expect(frames).to.equal(htmlMails + 1);
    expect(dialogs).to.deep.equal([]);
    expect(catcher.hits().slice(before), 'requests that left the browser').to.deep.equal([]);
    process.stdout.write(`      ${htmlMails} corpus HTML mails + 1 raw attack mail on ${refs.length} page loads in ${Date.now() - started} ms\n`);
  });
});
