// The queue's rows as HTML. services/tickets keeps a queue page until the tickets change and hands every officer
// of the scope asking the same filters the same page object, so its rows are drawn once per page object, language
// and bulk column, not on every request: drawing them was the largest part of the page's rendering. Keyed by the
// object (a WeakMap), a drawing lives exactly as long as its page is kept and can never show another page.
import type { Application } from 'express';
import type { Locale } from '../i18n/index.js';
import type { QueuePage } from '../services/tickets/index.js';
import { queueRows } from './presenters/queue-presenter.js';

const drawn = new WeakMap<QueuePage, Map<string, Promise<string>>>();

function draw(app: Application, page: QueuePage, locale: Locale, bulk: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render('pages/tickets/queue-rows', { layout: false, locale, bulk, items: queueRows(page.items, locale) },
      (err, html) => (err ? reject(err) : resolve(html)));
  });
}

/** The rows of `page` in this language, with the bulk checkboxes when `bulk`. */
export function queueRowsHtml(app: Application, page: QueuePage, locale: Locale, bulk: boolean): Promise<string> {
  let byKind = drawn.get(page);
  if (!byKind) drawn.set(page, (byKind = new Map()));
  const key = `${locale}.${bulk}`;
  let html = byKind.get(key);
  if (!html) {
    // a failed drawing is not kept: the next request draws again
    html = draw(app, page, locale, bulk).catch((e: unknown) => { byKind.delete(key); throw e; });
    byKind.set(key, html);
  }
  return html;
}
