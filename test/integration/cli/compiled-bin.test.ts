// The compiled `govmail` (issue 17): scripts/build.mjs builds the current sources into a directory of this test's
// own (under .tmp/, so node_modules and package.json's "type" are the project's), beside a copy of the bin, and
// everything runs from there with plain node, no tsx: the bin's --help, migrate, org:import and agency:list
// against a temporary SQLite file, and both worker threads (table parse, mail prepare) from their compiled
// entries. The other CLI tests run the TypeScript through tsx (test/support/cli.ts); this one is independent of
// TEST_DB.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ORG_FILE = path.join(ROOT, 'test/fixtures/org/hoabinh-2016-agencies.csv');

interface Run { code: number; stdout: string; stderr: string }

function node(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS cleared: mocha's --import=tsx must not leak into the child, which has to run without it.
    const child = spawn(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A copy of the bin (and the dist check it imports) under `dir`/scripts, as in a checkout. */
function copyBin(dir: string): string {
  fs.mkdirSync(path.join(dir, 'scripts/lib'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'scripts/govmail.mjs'), path.join(dir, 'scripts/govmail.mjs'));
  fs.copyFileSync(path.join(ROOT, 'scripts/lib/dist.mjs'), path.join(dir, 'scripts/lib/dist.mjs'));
  return path.join(dir, 'scripts/govmail.mjs');
}

describe('the compiled govmail bin (dist/)', function () {
  // The build compiles every module once; on a loaded shared machine that and the process starts take a while.
  this.timeout(300_000);
  let dir: string;
  let bin: string;
  let env: Record<string, string>;

  before(async () => {
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(ROOT, '.tmp/compiled-bin-'));
    bin = copyBin(dir);
    const build = await node([path.join(ROOT, 'scripts/build.mjs'), '--out', path.join(dir, 'dist')]);
    expect(build.code, build.stderr).to.equal(0);
    env = { DATABASE_URL: `sqlite:${path.join(dir, 'govmail.sqlite')}` };
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the command list for --help', async () => {
    const run = await node([bin, '--help'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('Usage: govmail');
    for (const command of ['migrate', 'org:import', 'mailbox:list', 'sla:due', 'metrics', 'user:create']) expect(run.stdout).to.contain(command);
    expect(run.stderr).to.equal('');
  });

  it('migrates an SQLite file, imports an org chart and reads it back with agency:list --json', async () => {
    const migrate = await node([bin, 'migrate', '--json'], env);
    expect(migrate.code, migrate.stderr).to.equal(0);
    expect(JSON.parse(migrate.stdout).applied).to.be.an('array').that.is.not.empty;
    const imported = await node([bin, 'org:import', ORG_FILE, '--json'], env);
    expect(imported.code, imported.stderr).to.equal(0);
    const list = await node([bin, 'agency:list', '--json'], env);
    expect(list.code, list.stderr).to.equal(0);
    const agencies = JSON.parse(list.stdout) as Array<{ code: string; mail_domain: string | null; parent: string | null }>;
    expect(agencies.length).to.equal(JSON.parse(imported.stdout).created);
    expect(agencies.find((a) => a.code === 'UBND')).to.include({ mail_domain: 'hoabinh.gov.vn' });
  });

  it('keeps the contract on failure: one line on stderr and a non-zero exit', async () => {
    const run = await node([bin, 'sla:due', '--from', 'yesterday', '--add', '5 working days'], env);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/^govmail: --from "yesterday" is not an ISO date-time/);
    expect(run.stdout).to.equal('');
  });

  it('runs both worker threads from their compiled entries', async () => {
    const script = `
      import fs from 'node:fs';
      const { parseTableOffThread, unpackTable } = await import('${path.join(dir, 'dist/server/services/import/index.js')}');
      const table = unpackTable(await parseTableOffThread(fs.readFileSync('${ORG_FILE}'), 'agencies.csv'));
      const { PrepareThread } = await import('${path.join(dir, 'dist/server/services/ingestion/prepare-thread.js')}');
      const thread = new PrepareThread();
      const raw = Buffer.from('From: Dân <dan@example.vn>\\r\\nTo: duongdaynong@hoabinh.gov.vn\\r\\nSubject: Hỏi\\r\\nMessage-ID: <a@example.vn>\\r\\n\\r\\nXin chào\\r\\n');
      const prepared = await thread.prepare(raw, { ownAddresses: ['duongdaynong@hoabinh.gov.vn'], ownDomain: 'hoabinh.gov.vn' });
      await thread.close();
      console.log(JSON.stringify({ rows: table.rows.length, headers: table.headers, prepared: prepared.ok }));`;
    // A file, not `node --input-type=module -e`: a worker inherits the flags, and --input-type refuses a file entry.
    const file = path.join(dir, 'threads.mjs');
    fs.writeFileSync(file, script);
    const run = await node([file]);
    expect(run.code, run.stderr).to.equal(0);
    const out = JSON.parse(run.stdout) as { rows: number; headers: string[]; prepared: boolean };
    expect(out.headers).to.include('code');
    expect(out.rows).to.be.greaterThan(10);
    expect(out.prepared).to.equal(true);
  });

  it('says clearly that there is no build, rather than failing on a missing module', async () => {
    const empty = fs.mkdtempSync(path.join(ROOT, '.tmp/no-dist-'));
    try {
      const run = await node([copyBin(empty), '--help'], env);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/has no complete build: run `npm run build`/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
