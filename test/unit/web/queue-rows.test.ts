// The queue's rows are drawn once per kept page object, language and bulk column (server/web/queue-rows.ts), with
// the real templates: a second request for the same page reuses the drawing, another page or language draws anew.
import { expect } from 'chai';
import express from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { viewEngine } from '../../../server/web/view-engine.js';
import { queueRowsHtml } from '../../../server/web/queue-rows.js';
import type { QueuePage } from '../../../server/services/tickets/index.js';

const VIEWS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../views');

function appCountingRenders() {
  const app = express();
  app.engine('hbs', viewEngine(VIEWS));
  app.set('view engine', 'hbs');
  app.set('views', VIEWS);
  app.set('view cache', true);
  let renders = 0;
  const render = app.render.bind(app);
  app.render = ((...args: Parameters<typeof render>) => { renders++; return render(...args); }) as typeof app.render;
  return { app, renders: () => renders };
}

const page = (ref: string): QueuePage => ({
  items: [{ id: 1, ref, subject: 'Đèn <đường> hỏng', citizen: 'Lò Văn A <a@example.vn>', status: 'open', agency: 'Sở Xây dựng', class: 'phan_anh_kien_nghi',
    category: null, priority: 'normal', receivedAt: new Date('2026-03-02T02:00:00Z'), dueAt: new Date('2026-03-20T10:00:00Z'), assignee: null,
    sla: 'on_time', left: { minutes: 4800, days: 10, late: false } }],
  next: null, total: 1, counts: {}, mark: { text: '0.0', lastEventId: 0 },
});

describe('queue rows drawn once per kept page', () => {
  it('reuses the drawing of the same page, and draws another page, language or bulk column anew', async () => {
    const { app, renders } = appCountingRenders();
    const one = page('SXD-2026-000001');
    const vi = await queueRowsHtml(app, one, 'vi', true);
    expect(vi).to.contain('data-ref="SXD-2026-000001"').and.contain('Đèn &lt;đường&gt; hỏng').and.contain('data-testid="queue-select"');
    expect(await queueRowsHtml(app, one, 'vi', true)).to.equal(vi);
    expect(renders()).to.equal(1);
    expect(await queueRowsHtml(app, one, 'vi', false)).to.not.contain('data-testid="queue-select"');
    expect(await queueRowsHtml(app, one, 'en', true)).to.contain('10 working days left');
    expect(await queueRowsHtml(app, page('SXD-2026-000001'), 'vi', true)).to.equal(vi);
    expect(renders()).to.equal(4);
  });
});
