// What the grouped fast path (fresh-tickets.ts) reads once per group instead of once per mail.
// GroupConfig: settings no ingestion changes (rules, policies, calendars, agency codes), kept for the group.
// GroupTurns: state each new ticket moves (case-ref sequences, assignment turns, receipt counts per sender),
// kept in memory and written by save(); thrown away whenever the one-message path runs, which moves it too.
import type { Db } from '../../db/index.js';
import type { AssignmentStateAttrs } from '../../db/models/sla.js';
import { calendarCache } from '../sla/calendar-store.js';
import { policyFor, type SlaPolicy } from '../sla/policy-store.js';
import type { WorkCalendar } from '../sla/types.js';
import { agentsOf, routedAgencyId } from '../triage/apply-triage.js';
import { pickAssignee } from '../triage/assignment.js';
import { listRules } from '../triage/rule-store.js';
import type { TriageRule } from '../triage/rules.js';
import { ackCounts, ackCountsOf, type AckCounts } from '../outbox/acknowledge.js';
import { lastRefSequence } from '../threading/index.js';

function memo<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let v = map.get(key);
  if (!v) map.set(key, (v = load()));
  return v;
}

export class GroupConfig {
  private readonly ruleList = new Map<0, Promise<TriageRule[]>>();
  private readonly agencies = new Map<string, Promise<number>>();
  private readonly policies = new Map<string, Promise<SlaPolicy>>();
  private readonly calendars: (agencyId: number | null) => Promise<WorkCalendar>;

  constructor(private readonly db: Db) {
    this.calendars = calendarCache(db);
  }

  rules = (): Promise<TriageRule[]> => memo(this.ruleList, 0, () => listRules(this.db));

  /** routedAgencyId, once per agency code in the group. */
  agencyId = (code: string | undefined, fallback: number): Promise<number> =>
    (code ? memo(this.agencies, code, () => routedAgencyId(this.db, code, fallback)) : Promise.resolve(fallback));

  policy = (cls: string, priority: string): Promise<SlaPolicy> => memo(this.policies, `${cls}\n${priority}`, () => policyFor(this.db, cls, priority));

  calendar = (agencyId: number): Promise<WorkCalendar> => this.calendars(agencyId);
}

type Agents = Awaited<ReturnType<typeof agentsOf>>;
interface Turn { state: AssignmentStateAttrs; stored: boolean; dirty: boolean; agents: Agents }

export class GroupTurns {
  private readonly sequences = new Map<string, Promise<{ last: number }>>();
  private readonly turns = new Map<number, Promise<Turn>>();
  private readonly counts = new Map<string, Promise<AckCounts>>();
  private countsLoaded = false;

  constructor(private readonly db: Db, private readonly groupAddresses: string[]) {}

  /** The next case-ref sequence under `prefix` (the last stored one + the ones handed out since). */
  async nextSequence(prefix: string): Promise<number> {
    const seq = await memo(this.sequences, prefix, async () => ({ last: await lastRefSequence(this.db, prefix) }));
    return ++seq.last;
  }

  /** The agency's next agent, as chooseAssignee picks it without a named user; the turn moves in memory. */
  async nextAssignee(agencyId: number): Promise<number | null> {
    const turn = await memo(this.turns, agencyId, async (): Promise<Turn> => {
      const row = await this.db.models.AssignmentState.findByPk(agencyId);
      const state = (row?.get({ plain: true }) as AssignmentStateAttrs | undefined) ?? { agency_id: agencyId, strategy: 'round_robin', last_assignee_id: null };
      return { state, stored: Boolean(row), dirty: false, agents: await agentsOf(this.db, agencyId) };
    });
    const picked = pickAssignee(turn.state.strategy, turn.agents, { lastAssigneeId: turn.state.last_assignee_id });
    if (!picked) return null;
    turn.state.last_assignee_id = picked.id;
    turn.dirty = true;
    picked.openCount++;
    picked.lastAssignedAt = new Date(); // the new clock row's created_at, which agentsOf reads back
    return picked.id;
  }

  /**
   * Receipts to `to` in the last hour and day; the caller counts the ones it queues. The first call reads the
   * counts of every citizen of the group in one query (`groupAddresses`), as ackCounts would one by one.
   */
  async ackCounts(to: string, now: Date): Promise<AckCounts> {
    if (!this.countsLoaded) {
      this.countsLoaded = true;
      for (const [address, c] of await ackCountsOf(this.db, this.groupAddresses, now)) this.counts.set(address, Promise.resolve(c));
    }
    return memo(this.counts, to, () => ackCounts(this.db, to, now));
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
