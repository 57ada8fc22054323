// What the queue's forms offer besides its page: the agencies a province-wide user may filter by, and whom a writer
// may assign the listed tickets to (the agents of the one agency in view). The rules live here; the route presents.
// The agents are kept under the queue page's mark (change-mark.ts): an officer added or disabled shows within its
// MAX_AGE_MS, and assigning to one no longer active is refused by the action itself.
import { readRows, type Db } from '../../db/index.js';
import { KeptUntilChange, type ChangeMark } from './change-mark.js';
import { agencyAgents } from './detail.js';
import { canFilterAgency } from './queue.js';
import { canWrite, scopeOf, type Actor } from './scope.js';

export interface QueueChoices {
  /** empty unless the actor's scope spans agencies */
  agencies: { id: number; code: string; name: string }[];
  /** empty for readers, and for a wide scope until one agency is chosen */
  agents: { id: number; name: string }[];
}

const keptAgents = new KeptUntilChange<QueueChoices['agents']>();

/** `agency`: the agency filter as asked (ignored unless the actor may choose one); `mark`: the queue page's. */
export async function queueChoices(db: Db, actor: Actor, agency: number | undefined, mark: ChangeMark): Promise<QueueChoices> {
  const wide = canFilterAgency(actor);
  const scope = scopeOf(actor);
  const inView = scope?.length === 1 ? scope[0] : wide ? agency : undefined;
  const [agencies, agents] = await Promise.all([
    wide ? readRows(db, 'SELECT a.id, a.code, a.name FROM agencies a ORDER BY a.code ASC') : [],
    canWrite(actor) && inView !== undefined ? keptAgents.get(db, String(inView), mark.text, () => agencyAgents(db, inView)) : [],
  ]);
  return { agencies: agencies.map((a) => ({ id: Number(a.id), code: String(a.code), name: String(a.name) })), agents };
}
