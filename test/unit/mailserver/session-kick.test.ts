import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { commandKicker, parseKickCommand, sessionKickerFrom } from '../../../server/services/mailserver/session-kick.js';

describe('session kick command (DOVEADM_KICK)', () => {
  it('splits the prefix on blanks, with no shell in between', () => {
    expect(parseKickCommand('  ssh  mail1 doveadm\tkick ')).to.deep.equal(['ssh', 'mail1', 'doveadm', 'kick']);
    expect(() => parseKickCommand('  ')).to.throw(/empty/);
  });

  it('is off when unset or blank', () => {
    expect(sessionKickerFrom(undefined)).to.equal(null);
    expect(sessionKickerFrom(' ')).to.equal(null);
  });

  it('appends the address as one argument, never as shell syntax', async () => {
    // `sh -c true <address>`: the address becomes $0 of the script `true`, so the `;` in it runs nothing.
    const marker = path.join(os.tmpdir(), `govmail-kick-${process.pid}`);
    expect(await commandKicker('sh -c true').kick(`a;touch ${marker}@x.vn`)).to.equal('kicked');
    expect(fs.existsSync(marker)).to.equal(false);
  });

  it('treats exit 68 ("No users kicked") as no session, and any other exit or a timeout as a failure', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-kick-'));
    const script = (name: string, body: string) => {
      fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return path.join(dir, name);
    };
    try {
      expect(await commandKicker(`${script('nobody', 'echo "No users kicked" >&2; exit 68')} kick`).kick('x@y.vn')).to.equal('none');
      expect(await commandKicker('false').kick('x@y.vn').catch((e: Error) => e.message)).to.equal('false exited 1');
      expect(await commandKicker(script('slow', 'sleep 5'), 100).kick('x@y.vn').catch((e: Error) => e.message)).to.match(/timed out after 100 ms/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
