// scripts/start-galera.sh stop removes GALERA_DIR and kills the PIDs its pid files name: only a directory under the
// temp dir that holds our nodes (or nothing), and only a process that is that node's mariadbd.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const SCRIPT = 'scripts/start-galera.sh';
const stop = (dir: string, tmp = os.tmpdir()) => spawnSync('bash', [SCRIPT, 'stop'], { env: { ...process.env, GALERA_DIR: dir, TMPDIR: tmp }, encoding: 'utf8' });
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('start-galera.sh stop', () => {
  it('refuses a GALERA_DIR outside the temp dir, or the temp dir itself, and removes nothing', () => {
    // all inside a sandbox, with the script's temp dir a sandbox folder: a regression removes the sandbox only
    const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'galera-stop-'));
    const tmp = path.join(sandbox, 'tmp');
    const outside = path.join(sandbox, 'outside');
    for (const d of [tmp, outside]) { fs.mkdirSync(d); fs.writeFileSync(path.join(d, 'precious'), 'x'); }
    try {
      for (const dir of [outside, tmp, `${tmp}/`, path.join(tmp, '..', 'outside')]) {
        const r = stop(dir, tmp);
        expect(r.status, dir).to.equal(2);
        expect(r.stderr).to.contain('is not under');
      }
      expect(fs.existsSync(path.join(outside, 'precious')) && fs.existsSync(path.join(tmp, 'precious'))).to.equal(true);
    } finally {
      fs.rmSync(sandbox, { recursive: true, force: true });
    }
  });

  it('leaves a directory that holds no cluster of ours, and never signals a process that is not its node', async () => {
    const foreign = fs.mkdtempSync(path.join(os.tmpdir(), 'galera-stop-'));
    fs.writeFileSync(path.join(foreign, 'precious'), 'x');
    expect(stop(foreign).status).to.equal(1);
    expect(fs.existsSync(path.join(foreign, 'precious'))).to.equal(true);
    fs.rmSync(foreign, { recursive: true, force: true });

    const ours = fs.mkdtempSync(path.join(os.tmpdir(), 'galera-stop-'));
    fs.writeFileSync(path.join(ours, 'govmail-galera'), '');
    fs.mkdirSync(path.join(ours, 'node1'));
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(ours, 'node1', 'pid'), String(bystander.pid));
      expect(stop(ours).status).to.equal(0);
      expect(alive(bystander.pid!), 'a stale pid file\'s process is left alone').to.equal(true);
      expect(fs.existsSync(ours)).to.equal(false);
    } finally {
      bystander.kill();
    }
  });
});
