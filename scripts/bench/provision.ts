// `npm run bench -- provision [--rows N]`: a generated roster of N people (default 10,000) provisioned into a
// fresh SQLite database through the same path as `govmail roster:import` (CSV parse → validate → plan → hash →
// one transaction). Baseline in the same run: N bare initial-password hashes, so the ratio shows what the
// import adds over hashing. Goal: 10,000 rows ≤ 20 s on the 2-vCPU dev machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../server/db/index.js';
import { migrateUp } from '../../server/db/migrate.js';
import { HOABINH_AGENCIES } from '../../server/services/org/seed-hoabinh.js';
import { importOrgFile } from '../../server/services/provisioning/org-import.js';
import { importRosterFile } from '../../server/services/provisioning/roster-import.js';
import { takeCredentials } from '../../server/services/provisioning/credentials-store.js';
import { hashInitialPasswords } from '../../server/services/provisioning/initial-hashes.js';
import { BULK_PROVISIONING_ROUNDS, BULK_PROVISIONING_SCHEME } from '../../server/services/crypto/password-hash.js';
import { generateInitialPassword } from '../../server/services/crypto/initial-password.js';
import { verifyPassword } from '../../server/services/crypto/password-hash.js';
import { generateRoster, rosterCsv } from '../../test/support/roster-factory.js';
import { systemActor } from '../../server/services/auth/actor.js';

const BENCH_ACTOR = systemActor('bench');

const SECRET = 'bench-secret-key-0123456789abcdef0123456789';
export const GOAL_S = 20;

function orgCsv(): string {
  const head = 'code,name,kind,parent_code,mail_domain,hotline_address';
  const esc = (v: string) => (v.includes(',') ? `"${v}"` : v);
  return [head, ...HOABINH_AGENCIES.map((a) => [a.code, esc(a.name), a.kind, a.parentCode ?? '', a.mailDomain, a.hotlineAddress ?? ''].join(','))].join('\n');
}

export async function benchProvision(args: string[] = []): Promise<{ seconds: number; rowsPerSecond: number; baselineSeconds: number }> {
  const i = args.indexOf('--rows');
  const rows = i >= 0 ? Number(args[i + 1]) : 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-bench-'));
  const db = openDb(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  try {
    await migrateUp(db.sequelize);
    fs.writeFileSync(path.join(dir, 'org.csv'), orgCsv());
    await importOrgFile(db, path.join(dir, 'org.csv'), { actor: BENCH_ACTOR });
    const codes = HOABINH_AGENCIES.filter((a) => a.kind !== 'province').map((a) => a.code);
    fs.writeFileSync(path.join(dir, 'roster.csv'), rosterCsv(generateRoster(rows, { agencyCodes: codes, collisions: Math.floor(rows / 20) })));

    console.log(`provision: ${rows} rows, ${codes.length} agencies, ${os.availableParallelism()} CPUs, ${BULK_PROVISIONING_SCHEME} rounds=${BULK_PROVISIONING_ROUNDS}`);
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let last = t0;
    let phase = '';
    const r = await importRosterFile(db, path.join(dir, 'roster.csv'), {
      actor: BENCH_ACTOR, secretKey: SECRET,
      onProgress: (p) => {
        if (p.phase === phase) return;
        const now = performance.now();
        if (phase) phases[phase] = (phases[phase] ?? 0) + (now - last) / 1000;
        phase = p.phase;
        last = now;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.created !== rows || r.errors.length) throw new Error(`import failed: created ${r.created}, errors ${JSON.stringify(r.errors.slice(0, 3))}`);
    const creds = await takeCredentials(db, r.batchId!, { secretKey: SECRET, actor: 'bench' });
    const sample = creds.filter((_, k) => k % Math.ceil(rows / 25) === 0);
    for (const c of sample) {
      const box = await db.models.Mailbox.findOne({ where: { address: c.address } });
      if (!box || !(await verifyPassword(c.password, box.password_hash))) throw new Error(`sample ${c.address} does not verify`);
    }

    const passwords = Array.from({ length: rows }, () => generateInitialPassword());
    const b0 = performance.now();
    await hashInitialPasswords(passwords);
    const baselineSeconds = (performance.now() - b0) / 1000;
    const rowsPerSecond = rows / seconds;
    console.log(`  import:   ${seconds.toFixed(2)} s, ${Math.round(rowsPerSecond)} rows/s (${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')})`);
    console.log(`  baseline: ${baselineSeconds.toFixed(2)} s for ${rows} bare hashes, ${Math.round(rows / baselineSeconds)} hashes/s`);
    console.log(`  ratio:    import / bare hashing = ${(seconds / baselineSeconds).toFixed(2)}`);
    console.log(`  sample:   ${sample.length} accounts verified against their stored hash; goal ≤ ${GOAL_S} s: ${seconds <= GOAL_S ? 'met' : 'MISSED'}`);
    return { seconds, rowsPerSecond, baselineSeconds };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
