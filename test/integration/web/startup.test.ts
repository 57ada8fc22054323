// `npm start` on a port another process holds: it must stop with a non-zero exit and say what to do, instead of
// logging web.listening and running on without a listener (Express 5 passes the error to listen's callback).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startWebProcess } from '../../support/web-process.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function startGovmail(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('start-up: a busy port', function () {
  this.timeout(120_000);
  let blocker: net.Server;
  let port: number;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-startup-'));
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve)); // all interfaces, as a first instance would
    port = (blocker.address() as net.AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const roles of ['web,worker,scheduler', 'web']) {
    it(`exits non-zero with a message that says what to do (GOVMAIL_ROLES=${roles})`, async () => {
      const run = await startGovmail({ PORT: String(port), GOVMAIL_ROLES: roles, DATABASE_URL: `sqlite:${path.join(dir, `${roles.length}.sqlite`)}` });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain(`govmail cannot start: port ${port} is already in use`);
      expect(run.stderr).to.contain('set PORT to a free port');
    });
  }
});

describe('start-up: a second govmail on the port of a running one (issue 15 item 8)', function () {
  this.timeout(180_000);

  it('leaves the first serving and exits the second with 1 and what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-startup-'));
    const first = await startWebProcess({ databaseUrl: `sqlite:${path.join(dir, 'first.sqlite')}`, secretKey: 'k'.repeat(32) });
    try {
      const port = new URL(first.baseUrl).port;
      const second = await startGovmail({ PORT: port, DATABASE_URL: `sqlite:${path.join(dir, 'second.sqlite')}` });
      expect(second.code).to.equal(1);
      expect(second.stderr).to.contain(`govmail cannot start: port ${port} is already in use (another govmail, or another program)`)
        .and.contain('Stop that process, or set PORT to a free port.');
      expect((await fetch(`${first.baseUrl}/healthz`)).status).to.equal(200);
    } finally {
      await first.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up: production without SECRET_KEY', function () {
  this.timeout(120_000);

  it('exits 1 before touching the database, saying what to set and how to make one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-startup-'));
    try {
      const dbFile = path.join(dir, 'prod.sqlite');
      const run = await startGovmail({ NODE_ENV: 'production', SECRET_KEY: '', PORT: '0', DATABASE_URL: `sqlite:${dbFile}` });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain('govmail cannot start.');
      expect(run.stderr).to.contain('SECRET_KEY is required in production');
      expect(run.stderr).to.contain('openssl rand -hex 32');
      expect(fs.existsSync(dbFile), 'no database created').to.equal(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up: an emblem file that is not there (issue 15 item 5)', function () {
  this.timeout(120_000);

  it('exits 1 naming PROVINCE_EMBLEM and what it must be', async () => {
    const run = await startGovmail({ PROVINCE_EMBLEM: '/nowhere/emblem.png', PORT: '0' });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('govmail cannot start.').and.contain('PROVINCE_EMBLEM must be the path of a .svg/.png/.jpg/.jpeg/.webp image under 1 MB');
  });
});
