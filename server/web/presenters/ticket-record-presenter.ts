// The ticket page's record panels: the SLA panel (sla-panel.ts in services/tickets) and each citizen mail's
// downloads (raw .eml, attachments with size and type, the dangerous ones flagged). Pure.
import { t, type Locale } from '../../i18n/index.js';
import type { TicketView } from '../../services/tickets/index.js';
import { formatDateTime } from '../view-helpers.js';
import { workingTimeText } from './working-time.js';

export function fileSizeText(bytes: number, locale: Locale): string {
  const n = (v: number) => v.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1_048_576 ? `${n(bytes / 1_048_576)} MB` : bytes >= 1024 ? `${n(bytes / 1024)} KB` : `${bytes} B`;
}

const reasonText = (locale: Locale, reason: string) => {
  const key = `tickets.pause.reason.${reason}`;
  const text = t(locale, key);
  return text === key ? reason : text;
};

export function slaPanelView(sla: TicketView['sla'], locale: Locale) {
  if (!sla) return null;
  const left = sla.left;
  return {
    ...sla,
    stateLabel: t(locale, `tickets.sla.state.${sla.state}`),
    // "3 working days left", not "3 working days of working time left": whole days have strings of their own
    leftText: left === null ? null : t(locale, `tickets.sla.${left.days > 0 ? 'days_' : ''}${left.late ? 'over' : 'left'}`, { time: workingTimeText(left.minutes, locale, left.days) }),
    pausedText: sla.pausedMinutes ? workingTimeText(sla.pausedMinutes, locale) : null,
    pauses: sla.pauses.map((p) => ({ ...p, reasonLabel: reasonText(locale, p.reason),
      span: p.to ? t(locale, 'tickets.sla.pause_span', { from: formatDateTime(p.from, locale), to: formatDateTime(p.to, locale), time: workingTimeText(p.workingMinutes ?? 0, locale) })
        : t(locale, 'tickets.sla.pause_open', { from: formatDateTime(p.from, locale) }) })),
    extensions: sla.extensions.map((e) => ({ ...e, label: t(locale, `tickets.sla.extension.${e.kind}`) })),
  };
}

/** The conversation's downloads; the ref is URL-encoded once here. */
export function messageDownloads(ref: string, c: TicketView['conversation'][number], locale: Locale) {
  if (c.direction !== 'in' || !c.messageId) return null;
  const base = `/tickets/${encodeURIComponent(ref)}/messages/${c.messageId}`;
  return {
    rawHref: `${base}/raw`,
    files: (c.files ?? []).map((f) => ({ ...f, href: `${base}/files/${f.part}`, sizeText: fileSizeText(f.size, locale) })),
  };
}
