// The mailbox list for /hr/mailboxes (filter by agency, search, pages) as the page shows it. The list comes
// from the provisioning service already limited to the officer's scope; search and paging happen here,
// tone-insensitively ("nguyen van an" finds "Nguyễn Văn An").
import type { MailboxListItem } from '../../services/provisioning/index.js';
import { stripToneMarks } from '../../services/text/index.js';

export const MAILBOX_PAGE_SIZE = 50;

const fold = (s: string): string => stripToneMarks(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();

export function searchMailboxes(items: readonly MailboxListItem[], q: string): MailboxListItem[] {
  const needle = fold(q);
  if (!needle) return [...items];
  return items.filter((m) => [m.address, m.staff ?? '', m.employee_code ?? ''].some((h) => fold(h).includes(needle)));
}

export interface MailboxListPage {
  items: MailboxListItem[];
  total: number;
  page: number;
  pages: number;
  prev: number | null;
  next: number | null;
}

export function mailboxListPage(items: readonly MailboxListItem[], opts: { q: string; page: number }): MailboxListPage {
  const all = searchMailboxes(items, opts.q);
  const pages = Math.max(1, Math.ceil(all.length / MAILBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pages);
  return {
    items: all.slice((page - 1) * MAILBOX_PAGE_SIZE, page * MAILBOX_PAGE_SIZE), total: all.length, page, pages,
    prev: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null,
  };
}
