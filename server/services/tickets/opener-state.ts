// What the TicketOpener (open-ticket.ts) reads once per transaction instead of once per ticket.
// OpenerConfig: settings opening a ticket never changes (rules, routing, named users, policies, calendars).
// OpenerTurns: state each new ticket moves (case-ref sequences, assignment turns, receipt counts per sender),
// read on first use, moved in memory for every ticket planned, and the turns written by save(). This is right
// only because every ticket of the transaction is opened by the same opener.
import type { Db } from '../../db/index.js';
import type { AssignmentStateAttrs } from '../../db/models/sla.js';
import { ackCounts, ackCountsOf, receiptsLastHour, type AckCounts } from '../outbox/index.js';
import { calendarCache, policyFor, type SlaPolicy, type WorkCalendar } from '../sla/index.js';
import { lastRefSequence } from '../threading/index.js';
import { agentsOf, routedAgencyId, pickAssignee, listRules, type TriageRule } from '../triage/index.js';

function memo<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let v = map.get(key);
  if (!v) map.set(key, (v = load()));
  return v;
}

export class OpenerConfig {
  private readonly ruleList = new Map<0, Promise<TriageRule[]>>();
  private readonly agencies = new Map<string, Promise<number>>();
  private readonly users = new Map<string, Promise<number | null>>();
  private readonly policies = new Map<string, Promise<SlaPolicy>>();
  private readonly calendars: (agencyId: number | null) => Promise<WorkCalendar>;

  constructor(private readonly db: Db) {
    this.calendars = calendarCache(db);
  }

  rules = (): Promise<TriageRule[]> => memo(this.ruleList, 0, () => listRules(this.db));

  /** The agency a rule routes to (routedAgencyId), once per code. */
  agencyId = (code: string | undefined, fallback: number): Promise<number> =>
    (code ? memo(this.agencies, `${code}\n${fallback}`, () => routedAgencyId(this.db, code, fallback)) : Promise.resolve(fallback));

  /** A rule's named user, if an active member of the agency. */
  namedUser = (agencyId: number, username: string): Promise<number | null> => memo(this.users, `${agencyId}\n${username.toLowerCase()}`, async () =>
    (await this.db.models.User.findOne({ where: { username: username.toLowerCase(), agency_id: agencyId, active: true }, attributes: ['id'] }))?.id ?? null);

  policy = (cls: string, priority: string): Promise<SlaPolicy> => memo(this.policies, `${cls}\n${priority}`, () => policyFor(this.db, cls, priority));

  calendar = (agencyId: number): Promise<WorkCalendar> => this.calendars(agencyId);
}

type Agents = Awaited<ReturnType<typeof agentsOf>>;
interface Turn { state: AssignmentStateAttrs; stored: boolean; dirty: boolean; agents: Agents }

export class OpenerTurns {
  private readonly sequences = new Map<string, Promise<{ last: number }>>();
  private readonly turns = new Map<number, Promise<Turn>>();
  private readonly counts = new Map<string, Promise<AckCounts>>();
  private readonly sentReceipts = new Map<0, Promise<{ count: number }>>();

  constructor(private readonly db: Db) {}

  /** The next case-ref sequence under `prefix` (the last stored one + the ones handed out since). */
  async nextSequence(prefix: string): Promise<number> {
    const seq = await memo(this.sequences, prefix, async () => ({ last: await lastRefSequence(this.db, prefix) }));
    return ++seq.last;
  }

  private turn(agencyId: number): Promise<Turn> {
    return memo(this.turns, agencyId, async (): Promise<Turn> => {
      const row = await this.db.models.AssignmentState.findByPk(agencyId);
      const state = (row?.get({ plain: true }) as AssignmentStateAttrs | undefined) ?? { agency_id: agencyId, strategy: 'round_robin', last_assignee_id: null };
      return { state, stored: Boolean(row), dirty: false, agents: await agentsOf(this.db, agencyId) };
    });
  }

  /** The agency's next agent (round-robin or least-open); the turn moves in memory. */
  async nextAssignee(agencyId: number): Promise<number | null> {
    const turn = await this.turn(agencyId);
    const picked = pickAssignee(turn.state.strategy, turn.agents, { lastAssigneeId: turn.state.last_assignee_id });
    if (!picked) return null;
    turn.state.last_assignee_id = picked.id;
    turn.dirty = true;
    this.countOpen(picked);
    return picked.id;
  }

  /** A rule named the assignee: the turn stays, but least-open must count the ticket. */
  async assigned(agencyId: number, userId: number): Promise<void> {
    const agent = (await this.turn(agencyId)).agents.find((a) => a.id === userId);
    if (agent) this.countOpen(agent);
  }

  private countOpen(agent: Agents[number]): void {
    agent.openCount++;
    agent.lastAssignedAt = new Date(); // the new clock row's created_at, which agentsOf reads back
  }

  /** Reads the receipt counts of many senders in one query (a group of mails), instead of one query each. */
  async preloadAckCounts(addresses: string[], now: Date): Promise<void> {
    const fresh = addresses.filter((a) => !this.counts.has(a));
    if (!fresh.length) return;
    const loaded = ackCountsOf(this.db, fresh, now);
    for (const address of fresh) this.counts.set(address, loaded.then((m) => m.get(address)!));
  }

  /** Receipts to `to` in the last hour and day; the caller counts the ones it queues. */
  ackCounts(to: string, now: Date): Promise<AckCounts> {
    return memo(this.counts, to, () => ackCounts(this.db, to, now));
  }

  /** Receipts queued or sent in the last hour, all addresses; the caller counts the ones it queues. */
  receiptsLastHour(now: Date): Promise<{ count: number }> {
    return memo(this.sentReceipts, 0, async () => ({ count: await receiptsLastHour(this.db, now) }));
  }

  /** Writes the moved assignment turns. */
  async save(): Promise<void> {
    for (const pending of this.turns.values()) {
      const turn = await pending;
      if (!turn.dirty) continue;
      if (turn.stored) await this.db.models.AssignmentState.update({ last_assignee_id: turn.state.last_assignee_id }, { where: { agency_id: turn.state.agency_id } });
      else await this.db.models.AssignmentState.create({ agency_id: turn.state.agency_id, strategy: turn.state.strategy, last_assignee_id: turn.state.last_assignee_id });
      turn.stored = true;
      turn.dirty = false;
    }
  }
}
