// An in-process app on a test database, plus a user factory, for route tests (supertest) and e2e (listen()).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppDeps } from '../../server/web/app.js';
import { createLogger } from '../../server/logger.js';
import { createUser, type NewUser } from '../../server/services/auth/users.js';
import type { Db } from '../../server/db/index.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export function testApp(db: Db, overrides: Partial<AppDeps> = {}) {
  return createApp({ db, log: createLogger('silent'), secretKey: TEST_SECRET, secureCookies: false, ...overrides });
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
  return { user, password: input.password, username: input.username };
}

export async function listenOnFreePort(app: ReturnType<typeof testApp>): Promise<{ server: Server; baseUrl: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
