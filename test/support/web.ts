// An in-process app on a test database, plus a user factory, for route tests (supertest) and e2e (listen()),
// and a supertest login through the real form that keeps the session cookie and its CSRF token.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { createApp, type AppDeps } from '../../server/web/app.js';
import { createLogger } from '../../server/logger.js';
import { env } from '../../server/config/env.js';
import { buildRoot } from '../../server/composition.js';
import { createUser, type NewUser } from '../../server/services/auth/users.js';
import type { Db } from '../../server/db/index.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** The app wired as server/index.ts wires it (config from env(), signed with TEST_SECRET) over the test's database. */
export function testApp(db: Db, overrides: Partial<AppDeps> = {}) {
  const root = buildRoot({ ...env(), SECRET_KEY: TEST_SECRET }, { db, log: createLogger('silent') });
  return createApp({ db, log: root.log, secretKey: TEST_SECRET, baseUrl: root.config.BASE_URL, ingestContext: root.ingestContext,
    secureCookies: false, face: { provinceName: root.config.PROVINCE_NAME, emblemFile: root.config.PROVINCE_EMBLEM }, ...overrides });
}

let userSeq = 0;
/** A web user with sensible defaults; override any field: buildUser(db, { role: 'hr', agencyId: 3 }). */
export async function buildUser(db: Db, overrides: Partial<NewUser> = {}) {
  userSeq++;
  const input: NewUser = {
    username: `user${userSeq}-${Date.now().toString(36)}`,
    displayName: `Cán bộ Thử ${userSeq}`,
    password: 'Correct-Horse-9-Battery',
    role: 'agent',
    agencyId: null,
    ...overrides,
  };
  const user = await createUser(db, input, 'test');
  return { user, password: input.password!, username: input.username };
}

export async function listenOnFreePort(app: ReturnType<typeof testApp>): Promise<{ server: Server; baseUrl: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of a rendered form (the hidden `_csrf` field). */
export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Fetches the login form and posts it; returns the agent and the login response, whatever its status. */
export async function submitLogin(app: ReturnType<typeof testApp>, username: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), username, password });
  return { agent, res };
}

/**
 * A supertest agent logged in through the real form (303), and the session's CSRF token (from the home page).
 * `loginAgent(app, username, password)`, or `loginAgent(app, await buildUser(db, …))`.
 */
export async function loginAgent(app: ReturnType<typeof testApp>, user: string | { username: string; password: string }, password?: string): Promise<{ agent: Agent; csrf: string }> {
  const username = typeof user === 'string' ? user : user.username;
  const { agent, res } = await submitLogin(app, username, typeof user === 'string' ? password! : user.password);
  if (res.status !== 303) throw new Error(`login as ${username}: expected 303, got ${res.status}`);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfOf(home.text) };
}
