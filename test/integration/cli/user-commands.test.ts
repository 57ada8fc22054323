// The account commands as an outside check drives them (DESIGN.md §6): user:create of each role with --json,
// then user:list --json; set-role, disable, enable, unlock; refusals exit 1 naming the field; --help on each.
import { expect } from 'chai';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { credentialsOf, importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import { ROLES } from '../../../server/db/models/foundation.js';

interface Listed { username: string; role: string; agency: string | null; mailbox: string | null; active: boolean; locked: boolean }

for (const kind of testDbKinds()) {
  describe(`govmail user commands [${kind}]`, function () {
    this.timeout(300_000); // each run spawns the real bin, ~10 s on a busy machine
    let db: TestDb;
    let env: Record<string, string>;
    let lan: string;
    before(async () => {
      db = await freshDb(kind);
      env = { DATABASE_URL: db.url };
      await seedHoabinh(db);
      const r = await importRows(db, [{ employee_code: 'UC-1', full_name: 'Nguyễn Thị Lan', agency_code: 'SNV', position: 'Chuyên viên' }]);
      lan = (await credentialsOf(db, r))[0]!.address;
    });
    after(async () => db.destroy());

    it('user:create of each role with --json prints {username, role, agency, mailbox, password}; user:list --json lists them', async () => {
      for (const role of ROLES) {
        const run = await runGovmail(['user:create', `cli-${role}`, '--role', role, '--agency', 'SNV', '--json'], env);
        expect(run.code, run.stderr).to.equal(0);
        const out = run.json<Record<string, unknown>>();
        expect(out).to.include({ username: `cli-${role}`, role, agency: 'SNV', mailbox: null });
        expect(out.password).to.match(/^[A-Za-z0-9-]{16,}$/);
      }
      const wide = await runGovmail(['user:create', 'cli-tinh', '--role', 'leader', '--json'], env);
      expect(wide.json(), wide.stderr).to.include({ agency: null, role: 'leader' });

      const list = await runGovmail(['user:list', '--json'], env);
      expect(list.code, list.stderr).to.equal(0);
      const rows = list.json<Listed[]>();
      for (const role of ROLES) expect(rows.find((u) => u.username === `cli-${role}`)).to.include({ role, agency: 'SNV', mailbox: null, active: true });
      expect(rows.find((u) => u.username === 'cli-tinh')).to.include({ agency: null });
      expect(rows.find((u) => u.username === lan), 'the roster-made account').to.include({ role: 'staff', agency: 'SNV', mailbox: lan });

      const snv = (await runGovmail(['user:list', '--agency', 'snv', '--json'], env)).json<Listed[]>();
      expect(snv.map((u) => u.username)).to.include('cli-agent').and.not.include('cli-tinh');
      const agents = (await runGovmail(['user:list', '--role', 'agent', '--json'], env)).json<Listed[]>();
      expect(agents.map((u) => u.username)).to.deep.equal(['cli-agent']);
    });

    it('a chosen --password is not printed back; the human output shows the one-time password once', async () => {
      const chosen = await runGovmail(['user:create', 'cli-chosen', '--role', 'hr', '--agency', 'SNV', '--password', 'Mat-khau-da-chon-2026', '--json'], env);
      expect(chosen.json<Record<string, unknown>>(), chosen.stderr).not.to.have.property('password');
      const human = await runGovmail(['user:create', 'cli-human', '--role', 'agent', '--agency', 'SNV'], env);
      expect(human.stdout).to.match(/created agent cli-human \(SNV\)\none-time password: [A-Za-z0-9-]{16,}\n$/);
    });

    it('--mailbox: a person who already has an account is pointed to user:set-role, which grants the role in place', async () => {
      const taken = await runGovmail(['user:create', 'lan-agent', '--role', 'agent', '--agency', 'SNV', '--mailbox', lan], env);
      expect(taken.code).to.equal(1);
      expect(taken.stderr).to.contain(`mailbox: ${lan} already belongs to account ${lan}`).and.contain('user:set-role');
      const set = await runGovmail(['user:set-role', lan, '--role', 'agent', '--agency', 'SNV', '--json'], env);
      expect(set.json(), set.stderr).to.deep.equal({ username: lan, role: { from: 'staff', to: 'agent' }, agency: { from: 'SNV', to: 'SNV' }, changed: true });
      const other = await runGovmail(['user:set-role', lan, '--role', 'agent', '--agency', 'STC'], env);
      expect(other.code).to.equal(1);
      expect(other.stderr).to.contain('agency:').and.contain('another agency');
    });

    it('user:disable, user:enable and user:unlock change the account and say so', async () => {
      await db.models.User.update({ failed_logins: 5, locked_until: new Date(Date.now() + 600_000) }, { where: { username: 'cli-agent' } });
      expect((await runGovmail(['user:unlock', 'cli-agent', '--json'], env)).json()).to.deep.equal({ username: 'cli-agent', changed: true });
      expect((await runGovmail(['user:disable', 'cli-agent'], env)).stdout).to.equal('cli-agent disabled\n');
      expect((await runGovmail(['user:disable', 'cli-agent'], env)).stdout).to.equal('cli-agent unchanged\n');
      const listed = (await runGovmail(['user:list', '--json'], env)).json<Listed[]>().find((u) => u.username === 'cli-agent');
      expect(listed).to.include({ active: false, locked: false });
      expect((await runGovmail(['user:enable', 'cli-agent', '--json'], env)).json()).to.deep.equal({ username: 'cli-agent', changed: true });
      const actions = (await db.models.AuditLog.findAll({ where: { target: 'user:cli-agent' }, order: [['id', 'ASC']] })).map((r) => [r.actor, r.action]);
      expect(actions).to.deep.equal([['cli', 'user.create'], ['cli', 'user.unlock'], ['cli', 'user.disable'], ['cli', 'user.enable']]);
    });

    it('bad input exits 1 with the field named on stderr, and stdout stays empty', async () => {
      for (const [args, message] of [
        [['user:create', 'cli-x', '--role', 'boss'], 'role: role "boss" is not one of'],
        [['user:create', 'cli-x', '--role', 'agent', '--agency', 'NOPE'], 'agency: agency "NOPE" does not exist'],
        [['user:create', 'cli-agent', '--role', 'agent'], 'username: user cli-agent already exists'],
        [['user:set-role', 'nobody', '--role', 'agent'], 'username: user "nobody" does not exist'],
        [['user:disable', 'nobody'], 'username: user "nobody" does not exist'],
      ] as const) {
        const run = await runGovmail([...args], env);
        expect(run.code, args.join(' ')).to.equal(1);
        expect(run.stderr).to.contain(message);
        expect(run.stdout).to.equal('');
      }
      const missing = await runGovmail(['user:create', 'cli-x'], env);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.contain("required option '--role <role>'");
    });

    it('every user command answers --help', async () => {
      for (const cmd of ['user:create', 'user:create-admin', 'user:list', 'user:set-role', 'user:disable', 'user:enable', 'user:unlock']) {
        const help = await runGovmail([cmd, '--help'], env);
        expect(help.code, cmd).to.equal(0);
        expect(help.stdout, cmd).to.contain('--json');
      }
    });
  });
}
