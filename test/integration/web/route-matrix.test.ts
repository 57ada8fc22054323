// Issue 11 item 6: one matrix, generated from the app itself. Every route createApp() registers (read from
// express's router stack, test/support/app-routes.ts) is asked by every caller of the matrix world (anonymous;
// each role scoped to agency A, and province-wide) for a resource of agency A and one of agency B, and must
// answer what route-matrix.table.ts says. A route with no entry in the table fails, naming it.
// Each answer is also checked for leaks: a page given to a user of A names nothing of B (its name, its ticket and
// that ticket's citizen, a mailbox and its person, its shared mailbox). A POST changes no row unless the table says that answer writes by design.
// The three flaws of the issue are named tests in test/integration/accounts/privilege-flaws.test.ts.
import { expect } from 'chai';
import request from 'supertest';
import type { Model, ModelStatic } from 'sequelize';
import type { Db } from '../../../server/db/index.js';
import { forEachDb } from '../../support/databases.js';
import { csrfOf, loginAgent, testApp, type Agent } from '../../support/web.js';
import { appRoutes, routeKey, type AppRoute } from '../../support/app-routes.js';
import { buildMatrixWorld, HARMLESS_ORG_FILE, HARMLESS_ROSTER_FILE, WHO, type MatrixWorld, type Side, type Who } from '../../support/matrix-world.js';
import { ROUTE_MATRIX, type Answer, type Cases, type Cell, type Entry } from './route-matrix.table.js';

/** The routes of the app, enumerated when the suite is declared (createApp touches no database until asked). */
const ROUTES: AppRoute[] = appRoutes(testApp({} as Db));
const SIDED_PARAM = /:(ref|address|code|token|username|mail)\b/;
const SAFE_TABLES_SKIPPED = new Set(['sessions']); // every request refreshes its session's last-seen time

const isCases = (e: Entry | Cases): e is Cases => 'cases' in e;
const show = (a: Answer) => String(a);

/** Every table's rows, in key order: the state a refused request must leave exactly as it was. */
async function snapshot(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const model of Object.values(db.models) as ModelStatic<Model>[]) {
    const table = model.getTableName() as string;
    if (SAFE_TABLES_SKIPPED.has(table)) continue;
    const rows = await model.findAll({ raw: true, order: model.primaryKeyAttributes.map((k) => [k, 'ASC'] as [string, string]) });
    out.set(table, JSON.stringify(rows));
  }
  return out;
}
const changedTables = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((k) => a.get(k) !== b.get(k));

forEachDb('route matrix: every route, every role, own agency and another', (getDb) => {
  let world: MatrixWorld;
  let app: ReturnType<typeof testApp>;
  const sessions = new Map<Who, { agent: Agent; csrf: string }>();

  before(async function () {
    this.timeout(120_000);
    const db = getDb();
    world = await buildMatrixWorld(db);
    app = testApp(db, { loginRateLimit: 100_000 });
    const anon = request.agent(app);
    sessions.set('anon', { agent: anon, csrf: csrfOf((await anon.get('/login').expect(200)).text) });
    for (const [who, u] of world.users) sessions.set(who, await loginAgent(app, u.username, u.password));
  });

  /** A path with its parameters filled from the world: the resource of A (own) or of B (other). */
  function fill(path: string, who: Who, side: Side, action?: string): string {
    const s = side === 'own' ? world.A : world.B;
    return path.replace(/:(\w+)/g, (_m, name: string) => {
      switch (name) {
        case 'ref': return s.ticketRef;
        case 'mail': return String(s.reviewMailId);
        // the side's citizen mail, and its first attachment (the world's mails carry none: a 404 past the checks)
        case 'message': return String(s.messageId);
        case 'part': return '1';
        case 'address': return encodeURIComponent(path.startsWith('/hr/shared-mailboxes') ? s.shared : s.mailbox);
        case 'code': return s.code;
        // The roster-made account of A's (or B's) staff person: a user of that agency.
        case 'username': return encodeURIComponent(s.mailbox);
        case 'id': return encodeURIComponent(world.ruleId);
        case 'date': return world.overrideDate;
        case 'format': return 'pdf';
        case 'action': return action!;
        case 'token': {
          const kind = path.startsWith('/admin/agencies') ? 'org' : 'roster';
          // One's own upload where one has them (else a colleague's in A); another agency's officer's otherwise.
          const owner = side === 'other' ? (kind === 'org' ? 'admin@B' : 'hr@B') : world.uploads.has(who) ? who : kind === 'org' ? 'admin@A' : 'hr@A';
          return world.uploads.get(owner)![kind];
        }
        default: throw new Error(`route matrix: no fixture for the path parameter :${name} of ${path}; add one to fill()`);
      }
    });
  }

  async function ask(route: AppRoute, entry: Entry, who: Who, side: Side, action?: string, json = false) {
    let { agent, csrf } = sessions.get(who)!;
    if (entry.freshSession && who !== 'anon') ({ agent, csrf } = await loginAgent(app, world.users.get(who)!.username, world.users.get(who)!.password));
    const url = fill(route.path, who, side, action) + (entry.agencyQuery ? `?agency=${(side === 'own' ? world.A : world.B).code}` : '');
    const req = route.method === 'GET' ? agent.get(url) : agent.post(url);
    if (json) req.set('Accept', 'application/json');
    if (route.method !== 'POST') return req;
    if (entry.file) {
      return req.set('Content-Type', 'application/octet-stream').set('X-CSRF-Token', csrf).set('X-File-Name', `${entry.file}.csv`)
        .send(Buffer.from(entry.file === 'org' ? HARMLESS_ORG_FILE : HARMLESS_ROSTER_FILE));
    }
    // {code} and {domain} in a form value: the agency of the side asked for.
    const s = side === 'own' ? world.A : world.B;
    const form = Object.fromEntries(Object.entries(entry.form ?? {}).map(([k, v]) => [k, v.replace('{code}', s.code).replace('{domain}', s.domain)]));
    return req.type('form').send({ _csrf: csrf, ...form });
  }

  /** The ticket page's refer form lists the province's agencies by name (its targets; the org chart is public), so
   *  agency B's name inside that one <select> is no leak, for the roles that may refer; anywhere else it is. */
  const withoutReferTargets = (html: string) => html.replace(/<select id="f-refer-to"[^>]*>[\s\S]*?<\/select>/g, '');
  const answerOf = (res: request.Response): Answer =>
    res.status === 303 && String(res.headers.location ?? '').startsWith('/login') ? 'login' : res.status;

  /** Runs one entry for every caller and side; returns the differences from the table, one line each. */
  async function runEntry(route: AppRoute, entry: Entry, label: string, action?: string): Promise<string[]> {
    const db = getDb();
    const problems: string[] = [];
    const sided = SIDED_PARAM.test(route.path) || !!entry.agencyQuery || Object.values(entry.form ?? {}).some((v) => /\{(code|domain)\}/.test(v));
    const leakMarks = [world.B.ticketRef, world.B.mailbox, world.B.citizen, world.B.person, world.B.name, world.B.shared];
    // One snapshot after each POST serves as the next one's "before".
    let state = route.method === 'POST' ? await snapshot(db) : null;
    const checkState = async (where: string, got: Answer) => {
      if (!state) return;
      const now = await snapshot(db);
      const changed = (entry.mayWrite ?? []).includes(got) ? [] : changedTables(state, now);
      if (changed.length) problems.push(`${where}: answered ${show(got)} but changed ${changed.join(', ')}`);
      state = now;
    };
    for (const who of WHO) {
      const cell: Cell | undefined = entry.answers[who];
      if (cell === undefined) {
        problems.push(`${label} ${who}: no expected answer in route-matrix.table.ts`);
        continue;
      }
      if (Array.isArray(cell) && !sided) {
        problems.push(`${label} ${who}: [own, other] given for a route with no agency resource`);
        continue;
      }
      for (const side of sided ? (['own', 'other'] as const) : (['own'] as const)) {
        const expected = Array.isArray(cell) ? cell[side === 'own' ? 0 : 1]! : (cell as Answer);
        const res = await ask(route, entry, who, side, action);
        const got = answerOf(res);
        const where = `${label} ${who} ${sided ? side : ''}`.trimEnd();
        if (got !== expected) problems.push(`${where}: expected ${show(expected)}, got ${show(got)}`);
        await checkState(where, got);
        if (who.endsWith('@A') && got === 200 && typeof res.text === 'string') {
          const leaked = leakMarks.filter((m) => withoutReferTargets(res.text).includes(m));
          if (leaked.length) problems.push(`${where}: LEAK, the answer names agency B's ${leaked.join(', ')}`);
        }
        if (who === 'anon' && expected === 'login') {
          const asJson = await ask(route, entry, who, side, action, true);
          if (asJson.status !== 401) problems.push(`${where} (Accept: application/json): expected 401, got ${asJson.status}`);
          await checkState(`${where} (JSON)`, asJson.status);
        }
      }
    }
    return problems;
  }

  it('the leak check passes over the refer form\'s list of agencies only: agency B\'s name anywhere else is a leak', () => {
    const select = `<select id="f-refer-to" name="to" data-testid="refer-to"><option value="B">${world.B.name} (B)</option></select>`;
    expect(withoutReferTargets(`<form>${select}</form>`)).to.not.contain(world.B.name);
    expect(withoutReferTargets(`<p>Chuyển từ ${world.B.name}</p>${select}`)).to.contain(world.B.name);
    expect(withoutReferTargets(`${select}<td>${world.B.name}</td>`)).to.contain(world.B.name);
  });

  it('has an entry for every route of the app, and none for a route the app no longer has', () => {
    const inApp = new Set(ROUTES.map(routeKey));
    const missing = [...inApp].filter((k) => !(k in ROUTE_MATRIX));
    const stale = Object.keys(ROUTE_MATRIX).filter((k) => !inApp.has(k));
    expect(missing, 'routes of createApp() with no entry in route-matrix.table.ts').to.deep.equal([]);
    expect(stale, 'entries of route-matrix.table.ts for no route of createApp()').to.deep.equal([]);
    expect(ROUTES.length).to.be.greaterThan(40);
  });

  it('an agency-scoped admin on every admin page: refused, or kept to their own agency', async function () {
    this.timeout(120_000);
    const db = getDb();
    const adminRoutes = ROUTES.filter((r) => r.path.startsWith('/admin/'));
    expect(adminRoutes.length).to.be.greaterThan(10);
    const kept: string[] = [];
    for (const route of adminRoutes) {
      const entry = ROUTE_MATRIX[routeKey(route)];
      if (!entry || isCases(entry)) expect.fail(`${routeKey(route)}: no plain entry in route-matrix.table.ts`);
      for (const side of SIDED_PARAM.test(route.path) ? (['own', 'other'] as const) : (['own'] as const)) {
        const where = `${routeKey(route)} ${side}`;
        const before = await snapshot(db);
        const res = await ask(route, entry, 'admin@A', side);
        if (res.status === 403 || side === 'other') {
          expect([403, 404], where).to.include(res.status);
          expect(changedTables(before, await snapshot(db)), `${where} changed rows`).to.deep.equal([]);
          continue;
        }
        kept.push(where);
        if (route.method === 'GET') {
          expect(res.status, where).to.equal(200);
          expect(res.text, where).to.contain(world.A.name);
          for (const b of [world.B.name, `@${world.B.code.toLowerCase()}.`]) expect(res.text, `${where} names agency B`).not.to.contain(b);
        }
      }
    }
    // Only the hotline and users pages stay open to an agency's admin, on their own agency; the rest is province-wide.
    expect(kept).to.deep.equal(['GET /admin/users own', 'POST /admin/users own', 'GET /admin/users/:username own', 'POST /admin/users/:username/role own',
      'POST /admin/users/:username/disable own', 'POST /admin/users/:username/enable own', 'POST /admin/users/:username/unlock own',
      'GET /admin/hotlines own', 'GET /admin/hotlines/:code own', 'POST /admin/hotlines/:code own', 'POST /admin/hotlines/:code/test own']);
  });

  for (const route of ROUTES) {
    const key = routeKey(route);
    it(key, async function () {
      this.timeout(120_000);
      const entry = ROUTE_MATRIX[key];
      if (!entry) expect.fail(`${key} has no entry in test/integration/web/route-matrix.table.ts: add what each role may get`);
      const problems: string[] = [];
      if (!isCases(entry)) problems.push(...await runEntry(route, entry, key));
      else for (const [action, e] of Object.entries(entry.cases)) problems.push(...await runEntry(route, e, key.replace(`:${entry.param}`, action), action));
      expect(problems).to.deep.equal([]);
    });
  }
});
