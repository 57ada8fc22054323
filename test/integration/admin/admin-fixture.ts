// Set-up shared by the admin page suites: the two-agency org of the SLA tests, the app, and a logged-in
// province-wide admin (no agency) with the session's CSRF token.
import type { TestDb } from '../../support/databases.js';
import { buildUser, loginAgent, testApp, type Agent } from '../../support/web.js';
import { setupOrg, type Org } from '../sla/sla-fixture.js';

export interface AdminWorld {
  org: Org;
  app: ReturnType<typeof testApp>;
  admin: { agent: Agent; csrf: string };
  adminName: string;
}

export async function adminWorld(db: TestDb): Promise<AdminWorld> {
  const org = await setupOrg(db);
  const app = testApp(db);
  const u = await buildUser(db, { role: 'admin' });
  return { org, app, admin: await loginAgent(app, u.username, u.password), adminName: u.username };
}
