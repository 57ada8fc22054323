// HR's home (issue 15 item 7): the imports the person started that are still queued or running. A run belongs
// to its uploader (another person's is absent even to a province-wide officer), so this lists only theirs.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { UploadRunAttrs } from '../../db/models/upload-runs.js';

export interface InFlightImport {
  token: string;
  kind: UploadRunAttrs['kind'];
  fileName: string | null;
  status: 'queued' | 'running';
  phase: string | null;
  done: number;
  total: number;
}

export async function importsInFlight(db: Db, userId: number): Promise<InFlightImport[]> {
  const runs = await db.models.UploadRun.findAll({ where: { user_id: userId, status: { [Op.in]: ['queued', 'running'] } }, order: [['id', 'ASC']] });
  return runs.map((r) => ({ token: r.token, kind: r.kind, fileName: r.file_name, status: r.status as InFlightImport['status'], phase: r.phase, done: r.done, total: r.total }));
}
