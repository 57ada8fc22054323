import { expect } from 'chai';
import { runGovmail } from '../../support/cli.js';

describe('govmail sla:due (contract)', function () {
  this.timeout(30_000);
  const env = { DATABASE_URL: 'sqlite::memory:' };

  it('counts 5 working days across the Tết 2026 holiday, from the day after receipt', async () => {
    const run = await runGovmail(['sla:due', '--from', '2026-02-13T16:30:00+07:00', '--add', '5 working days', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.deep.equal({ due: '2026-02-27T17:00:00+07:00', due_utc: '2026-02-27T10:00:00.000Z' });
  });

  it('starts working hours at the next opening when mail arrives at 23:00 on a Saturday', async () => {
    const run = await runGovmail(['sla:due', '--from', '2026-03-07T23:00:00+07:00', '--add', '4 working hours', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json<{ due: string }>().due).to.equal('2026-03-09T11:30:00+07:00');
  });

  it('rejects an unknown period unit with the accepted forms', async () => {
    const run = await runGovmail(['sla:due', '--from', '2026-03-07T23:00:00+07:00', '--add', '5 weeks'], env);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('working day(s)');
  });
});
