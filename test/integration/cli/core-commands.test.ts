import { expect } from 'chai';
import { emptyDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { execWrite } from '../../../server/db/index.js';

for (const kind of testDbKinds()) {
  describe(`govmail core commands [${kind}]`, function () {
    this.timeout(60_000);
    let db: TestDb;
    let env: Record<string, string>;
    before(async () => {
      db = await emptyDb(kind);
      env = { DATABASE_URL: db.url };
    });
    after(async () => db.destroy());

    it('migrate applies everything once; a second migrate changes nothing', async () => {
      const first = await runGovmail(['migrate', '--json'], env);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.json<{ applied: string[] }>().applied).to.include('0001-foundation');
      const second = await runGovmail(['migrate', '--json'], env);
      expect(second.code).to.equal(0);
      expect(second.json()).to.deep.equal({ applied: [] });
    });

    it('user:create-admin prints a one-time password once and writes an audit row', async () => {
      const run = await runGovmail(['user:create-admin', 'chanhvanphong', '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      const out = run.json<{ username: string; password: string }>();
      expect(out.username).to.equal('chanhvanphong');
      expect(out.password).to.match(/^[A-Za-z0-9-]{16,}$/);
      const user = await db.models.User.findOne({ where: { username: 'chanhvanphong' } });
      expect(user?.password_hash).to.match(/^\{BLF-CRYPT\}/);
      expect(user?.password_hash).to.not.contain(out.password);
      const dup = await runGovmail(['user:create-admin', 'chanhvanphong'], env);
      expect(dup.code).to.equal(1);
      expect(dup.stderr).to.contain('already exists');
    });

    it('audit:verify exits 0 on an intact chain and 1 naming the row after a hand edit', async () => {
      const ok = await runGovmail(['audit:verify', '--json'], env);
      expect(ok.code, ok.stderr).to.equal(0);
      expect(ok.json<{ ok: boolean; rows: number }>().rows).to.be.greaterThan(0);
      const row = await db.models.AuditLog.findOne({ order: [['id', 'ASC']] });
      await execWrite(db.sequelize, 'UPDATE audit_log SET details = :d WHERE id = :id', { d: '{"forged":true}', id: row!.id });
      const broken = await runGovmail(['audit:verify'], env);
      expect(broken.code).to.equal(1);
      expect(broken.stderr).to.contain(`row ${row!.id}`);
    });

    it('every command answers --help', async () => {
      const top = await runGovmail(['--help'], env);
      expect(top.code).to.equal(0);
      for (const cmd of ['migrate', 'user:create-admin', 'audit:verify']) {
        expect(top.stdout).to.contain(cmd);
        const help = await runGovmail([cmd, '--help'], env);
        expect(help.code, cmd).to.equal(0);
        expect(help.stdout).to.contain('--json');
      }
    });

    it('a bad DATABASE_URL stops with a message naming the variable', async () => {
      const run = await runGovmail(['migrate'], { DATABASE_URL: 'foo://x' });
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('DATABASE_URL must start with sqlite:');
    });
  });
}
