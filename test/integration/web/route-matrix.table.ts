// The route matrix's expected answers: for every route of createApp(), what each caller gets (anonymous; each role
// agency-scoped in A = SNV, and province-wide), asking for a resource of their own agency A and of another agency
// B (STC). route-matrix.test.ts enumerates the app's routes and fails on a route with no entry here.
//
// A cell is one answer (the same for both sides, or a route with no resource in it) or [own, other]. An answer
// is an HTTP status or 'login' (a redirect to /login?next=…; the same request asking for JSON gets 401).
// Outside one's agency a resource is absent (404) where the service looks it up in scope, and refused (403)
// where the agency is named in the request (a hotline's code, the metrics filter). Upload runs belong to their
// uploader: another person's is absent even to a province-wide officer.
//
// Requests send the session's CSRF token and a harmless body: one the guard and the scope check let through
// but that changes nothing (an input the service rejects, or an action without `confirm`, which only asks).
// The test compares the database before and after every POST, except where `mayWrite` names the answer of
// an action that writes by design (an upload keeps its file, a failed sign-in is audited).
import type { Who } from '../../support/matrix-world.js';

export type Answer = number | 'login';
export type Cell = Answer | readonly [own: Answer, other: Answer];
export interface Entry {
  /** form fields sent (with _csrf); `file`: an upload of the harmless roster or org file */
  form?: Record<string, string>;
  file?: 'roster' | 'org';
  /** `{code}` and `{domain}` in a form value are the agency asked for (A for own, B for other) */
  /** adds ?agency=<own or other agency code> */
  agencyQuery?: true;
  /** the request ends the session it is made with, so it runs on a session of its own */
  freshSession?: true;
  /** answers after which rows may have changed by design */
  mayWrite?: readonly Answer[];
  answers: Record<Who, Cell>;
}
/** A route whose last parameter is an action name: one entry per action. */
export interface Cases { param: string; cases: Record<string, Entry> }

const L = 'login';

/** Everybody gets the same answer (public pages). */
const all = (a: Answer, anon: Answer = a): Record<Who, Cell> => ({
  anon, 'staff@A': a, 'agent@A': a, 'supervisor@A': a, 'leader@A': a, 'hr@A': a, 'admin@A': a,
  'agent@P': a, 'supervisor@P': a, 'leader@P': a, 'hr@P': a, 'admin@P': a,
});

// Role columns, written out per route: anon | staff@A | agent | supervisor | leader | hr | admin (@A, then @P).
const tickets = (read: Cell, write: Cell, readP: Answer, writeP: Answer): Record<Who, Cell> => ({
  anon: L, 'staff@A': 403, 'hr@A': 403, 'hr@P': 403,
  'agent@A': write, 'supervisor@A': write, 'admin@A': write, 'leader@A': read,
  'agent@P': writeP, 'supervisor@P': writeP, 'admin@P': writeP, 'leader@P': readP,
});
const hrAdmin = (a: Cell, p: Cell): Record<Who, Cell> => ({
  anon: L, 'staff@A': 403, 'agent@A': 403, 'supervisor@A': 403, 'leader@A': 403, 'hr@A': a, 'admin@A': a,
  'agent@P': 403, 'supervisor@P': 403, 'leader@P': 403, 'hr@P': p, 'admin@P': p,
});
const adminOnly = (a: Cell, p: Cell): Record<Who, Cell> => ({
  anon: L, 'staff@A': 403, 'agent@A': 403, 'supervisor@A': 403, 'leader@A': 403, 'hr@A': 403, 'admin@A': a,
  'agent@P': 403, 'supervisor@P': 403, 'leader@P': 403, 'hr@P': 403, 'admin@P': p,
});
/** Province-wide settings: an agency's admin is refused like everyone else. */
const provinceAdmin = (p: Cell) => adminOnly(403, p);
const metrics: Record<Who, Cell> = {
  anon: L, 'staff@A': 403, 'agent@A': 403, 'hr@A': 403, 'agent@P': 403, 'hr@P': 403,
  'supervisor@A': [200, 403], 'leader@A': [200, 403], 'admin@A': [200, 403], 'supervisor@P': 200, 'leader@P': 200, 'admin@P': 200,
};
/** The hotline desk's review of set-aside mail (/review): agents, supervisors and admins; leaders only read tickets. */
const desk = (own: Cell, p: Answer): Record<Who, Cell> => ({ ...tickets(403, own, 403, p) });
/** Reply templates: supervisors and admins of an agency (a), province-wide admins (p); a province-wide supervisor manages none. */
const templates = (a: Cell, p: Answer): Record<Who, Cell> => ({
  anon: L, 'staff@A': 403, 'agent@A': 403, 'leader@A': 403, 'hr@A': 403, 'supervisor@A': a, 'admin@A': a,
  'agent@P': 403, 'leader@P': 403, 'hr@P': 403, 'supervisor@P': 403, 'admin@P': p,
});
const signedIn = (a: Answer): Record<Who, Cell> => all(a, L);

const mailboxAction = (a: Answer, form?: Record<string, string>): Entry => ({ form, answers: hrAdmin([a, 404], a) });

export const ROUTE_MATRIX: Record<string, Entry | Cases> = {
  'GET /healthz': { answers: all(200) },
  // Probes and the scrape need no session; the matrix's app configures no METRICS_TOKEN/METRICS_ALLOW, so the
  // scrape refuses everyone (its token and address rules: test/integration/ops/prom-metrics.test.ts).
  'GET /readyz': { answers: all(200) },
  'GET /metrics/prom': { answers: all(403) },
  'GET /emblem': { answers: all(200) },
  'GET /login': { answers: all(303, 200) },
  'POST /login': { form: { username: 'khong-co-ai', password: 'Sai-mat-khau-2026' }, mayWrite: [401], answers: all(401) },
  'POST /logout': { freshSession: true, mayWrite: [200], answers: all(200) },
  'GET /account/password': { answers: signedIn(200) },
  'POST /account/password': { form: { password: 'Mot-mat-khau-2026', confirm: 'Khac-mat-khau-2026' }, answers: signedIn(422) },
  'GET /': { answers: signedIn(200) },
  'GET /account/mailbox': { answers: signedIn(200) },

  'GET /tickets': { answers: tickets(200, 200, 200, 200) },
  // no ticket ticked: back to the queue with a notice; a saved view needs a name; :id is nobody's view here
  'POST /tickets/bulk': { form: {}, answers: tickets(403, 303, 403, 303) },
  'POST /tickets/views': { form: { name: '' }, answers: tickets(303, 303, 303, 303) },
  'POST /tickets/views/:id/delete': { answers: tickets(303, 303, 303, 303) },
  'GET /tickets/:ref': { answers: tickets([200, 404], [200, 404], 200, 200) },
  // The case export (a zip, audited): whoever reads the ticket.
  'GET /tickets/:ref/export.zip': { answers: tickets([200, 404], [200, 404], 200, 200) },
  // Downloads check the page's rule: a message of another agency's ticket is absent. The world's mails carry no
  // attachment, so a reader of its own agency gets the part's 404 (ticket-files.test.ts downloads real ones).
  'GET /tickets/:ref/messages/:message/raw': { answers: tickets([200, 404], [200, 404], 200, 200) },
  'GET /tickets/:ref/messages/:message/files/:part': { answers: tickets(404, 404, 404, 404) },
  // Leaders read only: a change is refused by role before the ticket is looked up.
  'POST /tickets/:ref/reply': { form: { body: '' }, answers: tickets(403, [422, 404], 403, 422) },
  'POST /tickets/:ref/note': { form: { note: '' }, answers: tickets(403, [422, 404], 403, 422) },
  'POST /tickets/:ref/assign': { form: { assignee: 'x' }, answers: tickets(403, [422, 404], 403, 422) },
  'POST /tickets/:ref/status': { form: { status: '' }, answers: tickets(403, [422, 404], 403, 422) },
  // Legal extensions are for supervisors and admins; an agent's is refused once the ticket is found in scope.
  'POST /tickets/:ref/pause': { form: { pause_reason: '' }, answers: tickets(403, [422, 404], 403, 422) },
  'POST /tickets/:ref/refer': { form: {}, answers: tickets(403, [200, 404], 403, 200) },
  'POST /tickets/:ref/accept': { form: {}, answers: tickets(403, [200, 404], 403, 200) },
  'POST /tickets/:ref/reclassify': { form: { class: '' }, answers: tickets(403, [422, 404], 403, 422) },
  'POST /tickets/:ref/resume': { answers: tickets(403, [422, 404], 403, 422) },
  // The reply desk (issue 14 items 4, 5): presence is renewed by every reader (writes by design); the exact bytes of a
  // sent mail are found only in scope (:id here is no outbox row of the ticket, so 404 in both agencies).
  'POST /tickets/:ref/presence': { mayWrite: [200], answers: tickets([200, 404], [200, 404], 200, 200) },
  'GET /tickets/:ref/sent/:id.eml': { answers: tickets(404, 404, 404, 404) },
  'POST /tickets/:ref/complex': { form: { reason: '' }, answers: { ...tickets(403, [422, 404], 403, 422), 'agent@A': [403, 404], 'agent@P': 403 } },
  // Gộp hồ sơ: supervisors and admins; scope first (404), then role (403); an empty form is a 422.
  'GET /tickets/:ref/merge': { answers: { ...tickets(403, [200, 404], 403, 200), 'agent@A': [403, 404], 'agent@P': 403 } },
  'POST /tickets/:ref/merge': { form: {}, answers: { ...tickets(403, [422, 404], 403, 422), 'agent@A': [403, 404], 'agent@P': 403 } },
  'POST /tickets/:ref/extend': { form: { reason: '' }, answers: { ...tickets(403, [422, 404], 403, 422), 'agent@A': [403, 404], 'agent@P': 403 } },

  // Mail that made no ticket: another agency named in ?agency= is refused; its mail is absent. Without confirm=1
  // the actions only ask.
  'GET /review': { agencyQuery: true, answers: desk([200, 403], 200) },
  'POST /review/:mail/convert': { form: {}, answers: desk([200, 404], 200) },
  'POST /review/:mail/reprocess': { form: {}, answers: desk([200, 404], 200) },

  // Reply templates: the agency's supervisors and admins, province-wide admins for any agency; another agency named is refused.
  'GET /reply-templates': { agencyQuery: true, answers: templates([200, 403], 200) },
  'POST /reply-templates': { form: { agency: '{code}', name: '' }, answers: templates([422, 403], 422) },
  'POST /reply-templates/letter': { form: { agency: '{code}', header: '{{khong_co}}' }, answers: templates([422, 403], 422) },
  'POST /reply-templates/:id/delete': { form: { agency: '{code}' }, answers: templates([404, 403], 404) },

  'GET /tra-cuu': { answers: all(200) },
  // An unknown ref and a wrong code get the same "not found", whoever asks.
  'POST /tra-cuu': { form: { ref: 'KHONG-CO', code: '00000000' }, answers: all(404) },

  'GET /hr/roster': { answers: hrAdmin(200, 200) },
  'POST /hr/roster/upload': { file: 'roster', mayWrite: [201], answers: hrAdmin(201, 201) },
  'GET /hr/roster/uploads/:token': { answers: hrAdmin([200, 404], [200, 404]) },
  'POST /hr/roster/uploads/:token/confirm': { form: { skip_invalid: 'khong' }, answers: hrAdmin([400, 404], [400, 404]) },
  'GET /hr/roster/uploads/:token/progress': { answers: hrAdmin([200, 404], [200, 404]) },
  // A run that imported nothing has no passwords to take.
  'POST /hr/roster/uploads/:token/credentials.:format': { answers: hrAdmin(404, 404) },

  'GET /hr/mailboxes': { agencyQuery: true, answers: hrAdmin(200, 200) },
  'GET /hr/mailboxes/:address': { answers: hrAdmin([200, 404], 200) },
  'POST /hr/mailboxes/:address/:action': {
    param: 'action',
    cases: {
      // Without confirm=1 these only ask (server/web/confirm.ts), after the same scope and reach checks.
      password: mailboxAction(200),
      suspend: mailboxAction(200),
      leaver: mailboxAction(200),
      'alias-remove': mailboxAction(200, { alias: 'khong-co@snv.hoabinh.gov.vn' }),
      // Without a chosen agency the transfer is refused on that field.
      transfer: mailboxAction(422),
      restore: mailboxAction(409),
      // The service finds the mailbox in scope, then refuses the value.
      quota: mailboxAction(400, { quota_mb: '-1' }),
      'alias-add': mailboxAction(400, { alias: 'bi-danh@evil.example' }),
    },
  },
  'GET /hr/shared-mailboxes': { answers: hrAdmin(200, 200) },
  // A new shared mailbox on the agency's domain whose owner does not exist: refused on the owner (nothing made),
  // or, in another agency, on the agency itself.
  'POST /hr/shared-mailboxes': { form: { address: 'hop-thu-moi@{domain}', agency: '{code}', owners: 'khong-co-ai' }, answers: hrAdmin([422, 403], 422) },
  'GET /hr/shared-mailboxes/:address': { answers: hrAdmin([200, 404], 200) },
  'POST /hr/shared-mailboxes/:address/owners': { form: { owner: 'khong-co-ai' }, answers: hrAdmin([400, 404], 400) },
  'POST /hr/shared-mailboxes/:address/owners/remove': { form: { owner: 'khong-co-ai' }, answers: hrAdmin([400, 404], 400) },
  'GET /hr/coverage': { answers: { ...hrAdmin(200, 200), 'leader@A': 200, 'leader@P': 200 } },

  'GET /admin/agencies': { answers: provinceAdmin(200) },
  'POST /admin/agencies/upload': { file: 'org', mayWrite: [201], answers: provinceAdmin(201) },
  'GET /admin/agencies/uploads/:token': { answers: provinceAdmin([200, 404]) },
  // The harmless org file has an error row: the confirm imports nothing (and uses up the upload).
  'POST /admin/agencies/uploads/:token/confirm': { mayWrite: [422], answers: provinceAdmin([422, 404]) },
  'GET /admin/agencies/:code': { answers: provinceAdmin(200) },
  // An empty name is refused on the field; ending and deactivating without confirm only ask; reopening an open
  // agency changes nothing.
  'POST /admin/agencies/:code': { form: { name: '', kind: 'department' }, answers: provinceAdmin(422) },
  'POST /admin/agencies/:code/end': { form: { valid_to: '2099-01-01' }, answers: provinceAdmin(200) },
  'POST /admin/agencies/:code/deactivate': { answers: provinceAdmin(200) },
  'POST /admin/agencies/:code/reopen': { answers: provinceAdmin(303) },

  'GET /metrics': { agencyQuery: true, answers: metrics },
  'GET /metrics/export.csv': { agencyQuery: true, answers: metrics },
  'GET /metrics/export.xlsx': { agencyQuery: true, answers: metrics },
  // no ?period: the last finished month
  'GET /metrics/report.pdf': { agencyQuery: true, answers: metrics },
  'GET /metrics/report.xlsx': { agencyQuery: true, answers: metrics },

  'GET /admin/hotlines': { answers: adminOnly(200, 200) },
  'GET /admin/hotlines/:code': { answers: adminOnly([200, 403], 200) },
  'POST /admin/hotlines/:code': { form: { host: '' }, answers: adminOnly([422, 403], 422) },
  // The test connects (to a closed port) and records the failure on the inbox.
  'POST /admin/hotlines/:code/test': { mayWrite: [200], answers: adminOnly([200, 403], 200) },

  'GET /admin/users': { answers: adminOnly(200, 200) },
  // An empty username is refused on that field once the grant is allowed; in another agency the grant itself is.
  'POST /admin/users': { form: { username: '', role: 'agent', agency: '{code}' }, answers: adminOnly([400, 403], 400) },
  'GET /admin/users/:username': { answers: adminOnly([200, 404], 200) },
  // An unknown role is refused before the account is looked up; the page it re-renders is the account's (404 outside).
  'POST /admin/users/:username/role': { form: { role: 'khong-co' }, answers: adminOnly([400, 404], 400) },
  // Without confirm=1 a disable only asks, after the same scope check.
  'POST /admin/users/:username/disable': { answers: adminOnly([200, 404], 200) },
  // The account is active and not locked: nothing to do, back to its page.
  'POST /admin/users/:username/enable': { answers: adminOnly([303, 404], 303) },
  'POST /admin/users/:username/unlock': { answers: adminOnly([303, 404], 303) },

  'GET /admin/rules': { answers: provinceAdmin(200) },
  'GET /admin/rules/new': { answers: provinceAdmin(200) },
  'POST /admin/rules': { answers: provinceAdmin(422) },
  'POST /admin/rules/test': { answers: provinceAdmin(422) },
  'GET /admin/rules/:id': { answers: provinceAdmin(200) },
  'POST /admin/rules/:id': { answers: provinceAdmin(422) },
  'POST /admin/rules/:id/enabled': { answers: provinceAdmin(400) },
  'POST /admin/rules/:id/move': { answers: provinceAdmin(400) },
  'POST /admin/rules/:id/delete': { answers: provinceAdmin(200) },
  'GET /admin/sla': { answers: provinceAdmin(200) },
  'POST /admin/sla': { answers: provinceAdmin(422) },
  'GET /admin/calendar': { answers: provinceAdmin(200) },
  'POST /admin/calendar': { answers: provinceAdmin(422) },
  'POST /admin/calendar/:date/delete': { answers: provinceAdmin(200) },
};
