// What the human eye caught on the pages (ui-polish, 2026-12-03) and the sweep now checks on every page:
// - an element marked `hidden` that still shows (a class setting display beat the attribute: the upload form's
//   "file too large" error showed on every load);
// - chart text smaller than 9 px as drawn (an SVG's type is in viewBox units, so a 720-wide chart in a half-width
//   card or on a phone drew 5–8 px labels);
// - two headings with the same words (a card without a title took the page's own `title`: two "Tổng quan");
// - a control drawn by the browser in its own language and order (ui-polish-2): an <input type=date> (mm/dd/yyyy in
//   an English Chromium; partials/date-field.hbs is the date field), a date field whose value is not dd/mm/yyyy, and
//   a file input the eye can see ("Choose File / No file chosen"; partials/file-picker.hbs hides it behind our text);
// - a placeholder wider than its box (the queue's search hint ended "(có hoặc không d" at 390 px).
import type { Page } from 'playwright-core';

export const MIN_CHART_TEXT_PX = 9;

// Plain JavaScript in a string: tsx names arrow functions with a `__name` helper that the page does not have.
const IN_PAGE = `(minPx) => {
  const out = [];
  const where = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('data-testid') ? '[data-testid=' + el.getAttribute('data-testid') + ']' : '');
  for (const el of document.querySelectorAll('body [hidden]')) {
    if (getComputedStyle(el).display !== 'none') out.push('hidden but shown: ' + where(el) + ' "' + (el.textContent || '').trim().slice(0, 40) + '"');
  }
  for (const t of document.querySelectorAll('svg text')) {
    const ctm = t.getScreenCTM();
    if (!ctm || t.getBoundingClientRect().width === 0) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    if (px < minPx) { out.push('chart text ' + px.toFixed(1) + ' px: ' + where(t.ownerSVGElement || t) + ' "' + t.textContent + '"'); break; }
  }
  const seen = new Map();
  for (const h of document.querySelectorAll('main h1, main h2')) {
    if (h.offsetParent === null) continue;
    const text = h.innerText.trim().toLowerCase();
    seen.set(text, (seen.get(text) || 0) + 1);
  }
  for (const [text, n] of seen) if (n > 1) out.push('heading twice: "' + text + '"');
  for (const el of document.querySelectorAll('input[type=date], input[type=datetime-local], input[type=month]')) out.push('browser-drawn date input: ' + where(el));
  for (const el of document.querySelectorAll('.date-field input')) {
    if (el.value !== '' && !/^\\d{2}\\/\\d{2}\\/\\d{4}$/.test(el.value)) out.push('date field not dd/mm/yyyy: ' + where(el) + ' "' + el.value + '"');
  }
  const ruler = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('input[placeholder]')) {
    if (!el.checkVisibility() || el.value !== '' || el.offsetWidth === 0) continue;
    const cs = getComputedStyle(el);
    ruler.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    if (ruler.measureText(el.placeholder).width > room + 1) out.push('placeholder cut off: ' + where(el) + ' "' + el.placeholder + '"');
  }
  for (const el of document.querySelectorAll('input[type=file]')) {
    const box = el.getBoundingClientRect();
    if (el.checkVisibility() && box.width > 2 && box.height > 2) out.push('browser-drawn file input ("Choose File"): ' + where(el));
  }
  return out;
}`;

/** The defects above, each with where it is; [] when the page is clean. */
export async function pageDefects(page: Page): Promise<string[]> {
  return page.evaluate(`(${IN_PAGE})(${MIN_CHART_TEXT_PX})`) as Promise<string[]>;
}
