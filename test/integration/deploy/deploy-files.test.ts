// The deployment files in scripts/deploy (issue 17 item 5), checked by the tools that will read them: the systemd
// units by `systemd-analyze verify` (which prints problems and still exits 0, so its output must be empty), the
// nginx site by `nginx -t` inside a throwaway main config with a self-signed certificate, and the headers it
// sets against what the web app trusts. The Containerfile cannot be built here (no container engine); what
// it copies must exist and it must run as a non-root user with a /healthz healthcheck.
// No database: these files do not depend on one. scripts/install-test-services.sh installs the tools.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEPLOY = path.join(ROOT, 'scripts/deploy');
const UNITS = ['govmail-web.service', 'govmail-worker.service', 'govmail-scheduler.service', 'govmail.target'];

describe('deployment files (scripts/deploy)', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-deploy-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has systemd units that systemd-analyze verify accepts without a word', async () => {
    const files = UNITS.map((u) => path.join(DEPLOY, 'systemd', u));
    const { stdout, stderr } = await run('systemd-analyze', ['verify', ...files]);
    expect(`${stdout}${stderr}`.trim()).to.equal('');
  });

  it('runs one role per unit, as the govmail user, stopped by SIGTERM and grouped under govmail.target', () => {
    for (const role of ['web', 'worker', 'scheduler']) {
      const unit = fs.readFileSync(path.join(DEPLOY, 'systemd', `govmail-${role}.service`), 'utf8');
      expect(unit).to.match(new RegExp(`^ExecStart=.*scripts/govmail\\.mjs ${role}$`, 'm'));
      expect(unit).to.match(/^User=govmail$/m);
      expect(unit).to.match(/^KillSignal=SIGTERM$/m);
      expect(unit).to.match(/^PartOf=govmail\.target$/m);
      expect(unit).to.match(/^WantedBy=govmail\.target$/m);
    }
  });

  it('has an nginx site that nginx -t accepts, with TLS', async () => {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=govmail.example.gov.vn',
      '-keyout', path.join(tmp, 'privkey.pem'), '-out', path.join(tmp, 'fullchain.pem')]);
    const site = fs.readFileSync(path.join(DEPLOY, 'nginx/govmail.conf'), 'utf8');
    expect(site).to.contain('ssl_certificate     /etc/ssl/govmail/fullchain.pem;');
    fs.writeFileSync(path.join(tmp, 'govmail.conf'), site.replaceAll('/etc/ssl/govmail/', `${tmp}/`));
    fs.writeFileSync(path.join(tmp, 'nginx.conf'), `pid ${tmp}/nginx.pid;\nerror_log ${tmp}/error.log;\nevents {}\nhttp {\n  include ${tmp}/govmail.conf;\n}\n`);
    const { stderr } = await run('nginx', ['-t', '-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', path.join(tmp, 'nginx.conf')]);
    expect(stderr).to.contain('test is successful');
    expect(stderr).not.to.match(/\[warn\]|\[emerg\]/);
  });

  it('sets the forwarded headers the web app trusts from a loopback proxy, replacing the client\'s', () => {
    const site = fs.readFileSync(path.join(DEPLOY, 'nginx/govmail.conf'), 'utf8');
    expect(site).to.match(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(site).to.match(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(site).to.match(/proxy_set_header Host \$host;/);
    // The upstreams are on loopback, which the app trusts when TRUST_PROXY is unset (server/web/app.ts).
    const upstreams = [...site.matchAll(/^\s*server (\S+?):\d+/gm)].map((m) => m[1]);
    expect(upstreams).to.deep.equal(['127.0.0.1']);
    expect(fs.readFileSync(path.join(ROOT, 'server/web/app.ts'), 'utf8')).to.contain("app.set('trust proxy', deps.trustProxy ?? 'loopback')");
  });

  it('has a multi-stage Containerfile on node 20 that copies existing paths, runs as a non-root user and checks /healthz', () => {
    const file = fs.readFileSync(path.join(DEPLOY, 'Containerfile'), 'utf8');
    expect([...file.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).to.deep.equal(['docker.io/library/node:20-bookworm-slim', 'docker.io/library/node:20-bookworm-slim']);
    expect(file).to.match(/^RUN npm ci && npm prune --omit=dev$/m);
    expect(file).to.match(/^USER node$/m);
    expect(file).to.match(/^HEALTHCHECK .*\n.*\/healthz/m);
    const copied = [...file.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    expect(copied.length).to.be.at.least(5);
    for (const p of copied) expect(fs.existsSync(path.join(ROOT, p)), p).to.equal(true);
  });
});
