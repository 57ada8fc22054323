// First start against an empty database: the demo province and an admin whose one-time password is returned
// once (and never stored in plain text), so `npm start` gives a newcomer something to log in to.
import type { Db } from '../../db/index.js';
import { HOABINH_AGENCIES } from './seed-hoabinh.js';
import { upsertAgencies } from './agency-store.js';
import { createUser } from '../auth/index.js';
import { generateInitialPassword } from '../crypto/index.js';

export const DEMO_ADMIN_USERNAME = 'admin';

/** Seeds only when there are no agencies and no users yet; returns the admin's one-time password if it made one. */
export async function seedDemoIfEmpty(db: Db): Promise<{ seeded: boolean; adminPassword?: string }> {
  const [agencies, users] = await Promise.all([db.models.Agency.count(), db.models.User.count()]);
  if (agencies > 0 || users > 0) return { seeded: false };
  await upsertAgencies(db, HOABINH_AGENCIES, 'seed');
  const adminPassword = generateInitialPassword();
  await createUser(db, { username: DEMO_ADMIN_USERNAME, displayName: 'Quản trị viên', password: adminPassword, role: 'admin', agencyId: null, mustChangePassword: true }, 'seed');
  return { seeded: true, adminPassword };
}
