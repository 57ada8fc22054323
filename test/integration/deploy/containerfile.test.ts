// The Containerfile (scripts/deploy) without a container engine, which this machine lacks: its instructions are
// read and carried out by hand on a copy of the files the image would hold. The build stage's COPYs are copied
// from the repository into an /app of our own (so a path it forgets, or one the app reads but the image lacks,
// fails here), `npm ci` is stood in for by the package's `prepare` script (what npm ci runs once it has installed;
// node_modules is linked, not installed: no registry), and the run stage's ENTRYPOINT + CMD is started from there
// with the image's ENV, then asked by the image's own HEALTHCHECK command. Also: the commands named are govmail's,
// and the packages installed provide the tools the app runs. What this cannot check: the base image, apt, npm ci
// itself, tini, and the user and volume; the image has never been built here (scripts/deploy/README.md).
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freePort } from '../../support/free-port.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = fs.readFileSync(path.join(ROOT, 'scripts/deploy/Containerfile'), 'utf8');
const SECRET_KEY = 'containerfile-test-secret-0123456789abcdef';

/** The instructions, continuation lines joined, comments dropped, split at each FROM into stages. */
function stages(): { from: string; lines: string[] }[] {
  const lines = FILE.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: { from: string; lines: string[] }[] = [];
  for (const l of lines) {
    if (l.startsWith('FROM ')) out.push({ from: l, lines: [] });
    else out.at(-1)!.lines.push(l);
  }
  return out;
}
const instruction = (lines: string[], name: string) => lines.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1));
const json = (s: string) => JSON.parse(s) as string[];

describe('Containerfile (scripts/deploy), carried out without a container engine', function () {
  this.timeout(180_000);
  let tmp: string;
  let app: string;
  const [build, runStage] = stages();

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-image-'));
    app = path.join(tmp, 'app');
    fs.mkdirSync(app);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has a build stage working in /app and a run stage that takes /app from it', () => {
    expect(instruction(build!.lines, 'WORKDIR')).to.deep.equal(['/app']);
    expect(instruction(runStage!.lines, 'WORKDIR')).to.deep.equal(['/app']);
    expect(instruction(runStage!.lines, 'COPY')).to.deep.equal(['--from=build --chown=root:root /app /app']);
  });

  it('builds from the files it copies alone: npm ci\'s prepare compiles them into a complete dist/', async () => {
    for (const c of instruction(build!.lines, 'COPY')) {
      const parts = c.split(/\s+/);
      const dest = parts.pop()!;
      for (const src of parts) {
        expect(fs.existsSync(path.join(ROOT, src)), `COPY ${src}`).to.equal(true);
        const target = dest.endsWith('/') ? path.join(app, dest, path.basename(src)) : path.join(app, dest);
        fs.cpSync(path.join(ROOT, src), target, { recursive: true, filter: (p) => !p.includes(`${path.sep}node_modules`) && !p.includes(`${path.sep}.tmp`) });
      }
    }
    const runs = instruction(build!.lines, 'RUN').filter((r) => r.includes('npm '));
    expect(runs).to.deep.equal(['npm ci && npm prune --omit=dev']);
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    // npm ci runs the package's prepare script after installing
    expect(pkg.scripts.prepare).to.equal('node scripts/build.mjs');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    await run(process.execPath, ['scripts/build.mjs'], { cwd: app, env: { ...process.env, NODE_OPTIONS: '' } });
    expect(fs.existsSync(path.join(app, 'dist/.built')), 'the build finished').to.equal(true);
    // the entrypoint is the package's bin
    const entry = json(instruction(runStage!.lines, 'ENTRYPOINT')[0]!);
    expect(entry.slice(-1)[0]).to.equal(pkg.bin.govmail);
  });

  it('runs govmail commands: the entrypoint answers --help listing every role and command the file names', async () => {
    const entry = json(instruction(runStage!.lines, 'ENTRYPOINT')[0]!);
    expect(entry.slice(0, 3)).to.deep.equal(['/usr/bin/tini', '--', 'node']);
    const { stdout } = await run(process.execPath, [...entry.slice(3), '--help'], { cwd: app, env: { ...process.env, NODE_OPTIONS: '' } });
    const commands = new Set([...stdout.matchAll(/^\s{2}([a-z][a-z:-]*)\b/gm)].map((m) => m[1]));
    const named = [...json(instruction(runStage!.lines, 'CMD')[0]!), ...[...FILE.matchAll(/podman run .* govmail (\w[\w:-]*)/g)].map((m) => m[1]!)];
    expect(named).to.include.members(['web', 'migrate']);
    for (const c of named) expect(commands.has(c), `govmail ${c}`).to.equal(true);
    for (const role of ['web', 'worker', 'scheduler']) expect(commands.has(role), `govmail ${role}`).to.equal(true);
  });

  it('starts the default command with the image\'s ENV, and its HEALTHCHECK command passes against it', async () => {
    const env = Object.fromEntries(instruction(runStage!.lines, 'ENV').flatMap((e) => e.split(/\s+/)).map((kv) => kv.split('=', 2) as [string, string]));
    expect(env).to.include({ NODE_ENV: 'production', PORT: '3000' });
    expect(env.DATABASE_URL).to.equal('sqlite:/var/lib/govmail/govmail.sqlite');
    expect(instruction(runStage!.lines, 'VOLUME')).to.deep.equal(['/var/lib/govmail']);
    const port = String(await freePort());
    // the volume's path is the image's; here it is a folder of the test's
    const childEnv = { ...process.env, NODE_OPTIONS: '', ...env, PORT: port, DATABASE_URL: `sqlite:${path.join(tmp, 'govmail.sqlite')}`, SECRET_KEY, LOG_LEVEL: 'info' };
    const entry = json(instruction(runStage!.lines, 'ENTRYPOINT')[0]!).slice(3);
    const cmd = json(instruction(runStage!.lines, 'CMD')[0]!);
    expect(cmd).to.deep.equal(['web']);
    const child = spawn(process.execPath, [...entry, ...cmd], { cwd: app, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('"event":"roles.started"')) resolve();
        });
        void exited.then((code) => reject(new Error(`govmail web exited ${code}: ${stderr}`)));
      });
      const check = instruction(runStage!.lines, 'HEALTHCHECK')[0]!;
      const probe = json(check.slice(check.indexOf('CMD ') + 4));
      expect(probe[0]).to.equal('node');
      const { stdout } = await run(process.execPath, [...probe.slice(1)], { env: { ...process.env, NODE_OPTIONS: '', PORT: port } });
      expect(stdout).to.equal('');
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    expect(await exited, 'stops cleanly on the SIGTERM tini forwards').to.equal(0);
  });

  it('installs the package that holds the MariaDB tools govmail backup and restore run', async function () {
    const apt = instruction(runStage!.lines, 'RUN').join(' ');
    expect(apt).to.match(/apt-get install -y --no-install-recommends [^&]*\bmariadb-client\b/);
    // the names server/services/backup/mysql-tools.ts tries, and the Debian package that holds them here
    const tools = fs.readFileSync(path.join(ROOT, 'server/services/backup/mysql-tools.ts'), 'utf8');
    expect(tools).to.contain("names: ['mariadb-dump', 'mysqldump']");
    const { stdout } = await run('dpkg', ['-S', '/usr/bin/mariadb-dump', '/usr/bin/mariadb']);
    for (const line of stdout.trim().split('\n')) expect(line.split(':')[0]).to.match(/^mariadb-client(-core)?(-[\d.]+)?$/);
  });
});
