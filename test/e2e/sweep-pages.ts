// Every page of every role, for the page sweep (page-sweep.test.ts). A page added later slots in with one line:
// { role, name, path } — path may use the sweep world (test/support/sweep-fixture.ts) — and, for a page reached
// by a click rather than a URL (a confirmation step), `open` does the click on the page at `path`.
import type { Page } from 'playwright-core';
import type { SweepRole, SweepWorld } from '../support/sweep-fixture.js';

export interface SweepPage {
  role: SweepRole;
  /** file-name friendly, unique per role */
  name: string;
  path: string | ((w: SweepWorld) => string);
  /** the HTTP status the page answers with (default 200) */
  status?: number;
  open?: (page: Page, w: SweepWorld) => Promise<void>;
}

export const SWEEP_PAGES: SweepPage[] = [
  { role: 'public', name: 'login', path: '/login' },
  { role: 'public', name: 'lookup', path: '/tra-cuu' },
  { role: 'public', name: 'not-found', path: '/khong-co-trang-nay', status: 404 },

  { role: 'staff', name: 'home', path: '/' },
  { role: 'staff', name: 'own-mailbox', path: '/account/mailbox' },

  { role: 'agent', name: 'home', path: '/' },
  { role: 'agent', name: 'queue', path: '/tickets' },
  { role: 'agent', name: 'queue-search', path: '/tickets?q=rac+thai' },
  { role: 'agent', name: 'queue-filters', path: '/tickets?sla=on_time&priority=normal&sort=received_desc' },
  { role: 'agent', name: 'ticket', path: (w) => `/tickets/${w.ticketRef}` },
  { role: 'agent', name: 'password', path: '/account/password' },
  { role: 'agent', name: 'review', path: '/review' },
  {
    role: 'agent', name: 'confirm-convert', path: '/review',
    open: async (page) => { await page.click('[data-testid=review-convert] >> nth=0'); await page.waitForSelector('[data-testid=confirm]'); },
  },

  { role: 'supervisor', name: 'ticket', path: (w) => `/tickets/${w.ticketRef}` },
  { role: 'supervisor', name: 'merge', path: (w) => `/tickets/${w.ticketRef}/merge` },
  { role: 'supervisor', name: 'reply-templates', path: '/reply-templates' },
  { role: 'admin', name: 'reply-templates', path: '/reply-templates' },
  { role: 'supervisor', name: 'metrics', path: '/metrics?from=2026-01-01&to=2026-12-31' },

  { role: 'leader', name: 'home', path: '/' },
  { role: 'leader', name: 'queue', path: '/tickets' },
  { role: 'leader', name: 'metrics', path: '/metrics?from=2026-01-01&to=2026-12-31' },
  { role: 'leader', name: 'coverage', path: '/hr/coverage' },

  { role: 'hr', name: 'home', path: '/' },
  { role: 'hr', name: 'roster', path: '/hr/roster' },
  { role: 'hr', name: 'mailboxes', path: '/hr/mailboxes' },
  { role: 'hr', name: 'mailbox', path: (w) => `/hr/mailboxes/${w.mailbox}` },
  {
    role: 'hr', name: 'confirm-leaver', path: (w) => `/hr/mailboxes/${w.mailbox}`,
    open: async (page) => { await page.click('[data-testid=action-leaver]'); await page.waitForSelector('[data-testid=confirm]'); },
  },
  { role: 'hr', name: 'shared-mailboxes', path: '/hr/shared-mailboxes' },
  { role: 'hr', name: 'shared-mailbox', path: (w) => `/hr/shared-mailboxes/${w.sharedMailbox}` },
  {
    role: 'hr', name: 'confirm-remove-owner', path: (w) => `/hr/shared-mailboxes/${w.sharedMailbox}`,
    open: async (page) => { await page.click('[data-testid^=remove-]'); await page.waitForSelector('[data-testid=confirm]'); },
  },
  { role: 'hr', name: 'coverage', path: '/hr/coverage' },

  { role: 'admin', name: 'home', path: '/' },
  { role: 'admin', name: 'agencies', path: '/admin/agencies' },
  { role: 'admin', name: 'agency', path: '/admin/agencies/SNV' },
  {
    role: 'admin', name: 'confirm-deactivate-agency', path: '/admin/agencies/SNV',
    open: async (page) => { await page.click('[data-testid=action-deactivate]'); await page.waitForSelector('[data-testid=confirm]'); },
  },
  { role: 'admin', name: 'hotlines', path: '/admin/hotlines' },
  { role: 'admin', name: 'hotline', path: (w) => `/admin/hotlines/${w.hotlineCode}` },
  { role: 'admin', name: 'rules', path: '/admin/rules' },
  { role: 'admin', name: 'rule-new', path: '/admin/rules/new' },
  { role: 'admin', name: 'rule-edit', path: (w) => `/admin/rules/${w.ruleId}` },
  {
    role: 'admin', name: 'confirm-delete-rule', path: '/admin/rules',
    open: async (page, w) => { await page.click(`[data-testid=delete-${w.ruleId}]`); await page.waitForSelector('[data-testid=confirm]'); },
  },
  { role: 'admin', name: 'sla', path: '/admin/sla' },
  { role: 'admin', name: 'calendar', path: '/admin/calendar' },
  { role: 'admin', name: 'metrics', path: '/metrics?from=2026-01-01&to=2026-12-31' },
  { role: 'admin', name: 'queue', path: '/tickets' },
  { role: 'admin', name: 'review-choose', path: '/review' },
  { role: 'admin', name: 'review', path: (w) => `/review?agency=${w.hotlineCode}` },
  { role: 'admin', name: 'queue-filters', path: '/tickets?agency=1&sla=overdue' },
  { role: 'admin', name: 'users', path: '/admin/users' },
  { role: 'admin', name: 'user', path: (w) => `/admin/users/${w.mailbox}` },
  {
    role: 'admin', name: 'confirm-disable-user', path: (w) => `/admin/users/${w.mailbox}`,
    open: async (page) => { await page.click('[data-testid=action-disable]'); await page.waitForSelector('[data-testid=confirm]'); },
  },
];
