// Who acts when an upload is previewed or imported: the user who uploaded it, as they are *now* (role, scope,
// active), read again at each step, so an import confirmed before a role was taken back, and run later by the
// worker, does not keep the old rights.
import type { Db } from '../../db/index.js';
import { actorOf, type Actor } from '../auth/index.js';
import { forbidden } from '../provisioning/index.js';
import type { UploadRun } from './upload-runs.js';

export async function uploadActor(db: Db, upload: Pick<UploadRun, 'user_id'>): Promise<Actor> {
  const user = await db.models.User.findByPk(upload.user_id, { attributes: ['id', 'username', 'role', 'agency_id', 'active'], raw: true });
  if (!user || !user.active) throw forbidden('upload.actor_gone', 'the account that uploaded this file is disabled or gone', null);
  return actorOf(user);
}
