import { expect } from 'chai';
import { compareIds, pickAssignee, type AssignableAgent } from '../../../server/services/triage/assignment.js';

const agent = (id: string | number, openCount = 0, lastAssignedAt: string | null = null, active = true): AssignableAgent =>
  ({ id, active, openCount, lastAssignedAt: lastAssignedAt === null ? null : new Date(lastAssignedAt) });

describe('triage pickAssignee', () => {
  describe('round_robin', () => {
    const team = [agent('c'), agent('a'), agent('b')];
    const table: Array<[string, string | null, AssignableAgent[], string | null]> = [
      ['starts with the smallest id', null, team, 'a'],
      ['gives the turn to the next id', 'a', team, 'b'],
      ['wraps after the largest id', 'c', team, 'a'],
      ['skips an inactive agent', 'a', [agent('a'), agent('b', 0, null, false), agent('c')], 'c'],
      ['goes on after an agent who left the list', 'b', [agent('a'), agent('c')], 'c'],
      ['ignores open counts', 'a', [agent('a'), agent('b', 40), agent('c', 0)], 'b'],
      ['returns null when nobody is active', 'a', [agent('a', 0, null, false)], null],
      ['returns null for an empty agency', null, [], null],
    ];
    for (const [what, last, agents, expected] of table) {
      it(`${what} (last ${JSON.stringify(last)} → ${JSON.stringify(expected)})`, () => {
        expect(pickAssignee('round_robin', agents, { lastAssigneeId: last })?.id ?? null).to.equal(expected);
      });
    }

    it('orders numeric ids numerically, so 10 comes after 9', () => {
      expect(pickAssignee('round_robin', [agent(10), agent(9), agent(2)], { lastAssigneeId: 9 })?.id).to.equal(10);
    });

    it('hands out turns in a fair cycle when the state is carried forward', () => {
      const picks: (string | number)[] = [];
      let last: string | number | null = null;
      for (let i = 0; i < 5; i++) {
        const picked: AssignableAgent = pickAssignee('round_robin', team, { lastAssigneeId: last })!;
        picks.push(picked.id);
        last = picked.id;
      }
      expect(picks).to.deep.equal(['a', 'b', 'c', 'a', 'b']);
    });
  });

  describe('least_open', () => {
    const table: Array<[string, AssignableAgent[], string | null]> = [
      ['picks the fewest open tickets', [agent('a', 5), agent('b', 2), agent('c', 3)], 'b'],
      ['breaks a tie by the oldest last assignment',
        [agent('a', 1, '2026-03-02T09:00:00+07:00'), agent('b', 1, '2026-03-02T08:00:00+07:00')], 'b'],
      ['prefers a never-assigned agent in a tie', [agent('a', 1, '2026-03-02T08:00:00+07:00'), agent('b', 1)], 'b'],
      ['breaks a full tie by the smallest id', [agent('b', 1), agent('a', 1)], 'a'],
      ['skips an inactive agent with fewer tickets', [agent('a', 0, null, false), agent('b', 4)], 'b'],
      ['returns null when nobody is active', [agent('a', 0, null, false)], null],
    ];
    for (const [what, agents, expected] of table) {
      it(`${what} (→ ${JSON.stringify(expected)})`, () => {
        expect(pickAssignee('least_open', agents)?.id ?? null).to.equal(expected);
      });
    }

    it('gives the same answer whatever order the agents come in', () => {
      const agents = [agent('a', 2), agent('b', 1), agent('c', 1), agent('d', 3)];
      expect(pickAssignee('least_open', agents)?.id).to.equal('b');
      expect(pickAssignee('least_open', [...agents].reverse())?.id).to.equal('b');
    });
  });

  it('compares ids deterministically: numbers numerically, strings by code unit, numbers first', () => {
    expect([10, 9, 'b', 'B', 1].sort(compareIds)).to.deep.equal([1, 9, 10, 'B', 'b']);
  });
});
