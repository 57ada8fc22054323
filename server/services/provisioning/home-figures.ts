// The home page's three figures for the signed-in user's scope: agencies, mailboxes, and jobs waiting (the
// job queue is province-wide, so every scope sees the same count).
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';

export interface HomeFigures {
  agencies: number;
  mailboxes: number;
  jobsQueued: number;
  /** the actor's own agency; null province-wide */
  agencyName: string | null;
}

export async function homeFigures(db: Db, actor: Pick<Principal, 'agencyId'>): Promise<HomeFigures> {
  const own = actor.agencyId;
  const [agencies, mailboxes, jobsQueued, agency] = await Promise.all([
    own === null ? db.models.Agency.count() : 1,
    db.models.Mailbox.count({ where: own === null ? {} : { agency_id: own } }),
    db.models.Job.count({ where: { status: 'queued' } }),
    own === null ? null : db.models.Agency.findByPk(own, { attributes: ['name'], raw: true }),
  ]);
  return { agencies, mailboxes, jobsQueued, agencyName: agency?.name ?? null };
}
