// The audit chain becomes keyed: new rows are hashed with an HMAC whose key derives from SECRET_KEY (outside
// the database), marked chain = 2. Rows written before keep their plain SHA-256 hashes untouched (chain = 1):
// rewriting history, even to re-key it, would also launder any edit made before the upgrade. Instead this
// migration appends one keyed seal row naming how many plain rows there are and the hash they end in, so from
// now on they cannot be changed, removed or extended without breaking the keyed chain
// (services/audit/README.md). audit_head also records the id of its last row, so a removed tail is named.
import { createHmac, hkdfSync } from 'node:crypto';
import { DataTypes, QueryTypes } from 'sequelize';
import type { Migration } from './context.js';
import { withDbTimes } from '../connect.js';

const SEAL_ACTION = 'audit.chain.keyed';

/** Frozen copy of chain 2 of services/audit/chain-hash.ts as of this migration (migrations do not import services). */
function sealHash(secretKey: string, prevHash: string, at: Date, details: string): string {
  const key = Buffer.from(hkdfSync('sha256', secretKey, '', 'govmail.audit-chain.v2', 32));
  return createHmac('sha256', key).update(JSON.stringify([prevHash, at.toISOString(), 'system', SEAL_ACTION, null, details])).digest('hex');
}

export const auditKeyedChain: Migration = {
  name: '0010-audit-keyed-chain',
  async up({ queryInterface: q, sequelize, secretKey }) {
    // MariaDB commits each ALTER on its own, so every step checks whether it was already done (re-runnable).
    if (!('chain' in (await q.describeTable('audit_log')))) {
      await q.addColumn('audit_log', 'chain', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 });
      await sequelize.query('UPDATE audit_log SET chain = 1');
    }
    if (!('last_id' in (await q.describeTable('audit_head')))) {
      await q.addColumn('audit_head', 'last_id', { type: DataTypes.INTEGER, allowNull: true });
    }
    const [head] = await sequelize.query<{ seq: number | string; last_hash: string }>('SELECT seq, last_hash FROM audit_head WHERE id = 1', { type: QueryTypes.SELECT });
    const [plain] = await sequelize.query<{ n: number | string; last_id: number | string | null }>(
      'SELECT COUNT(*) AS n, MAX(id) AS last_id FROM audit_log WHERE chain = 1', { type: QueryTypes.SELECT });
    const [sealed] = await sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_log WHERE chain = 2', { type: QueryTypes.SELECT });
    if (Number(plain.n) === 0 || Number(sealed.n) > 0) {
      await sequelize.query('UPDATE audit_head SET last_id = (SELECT MAX(id) FROM audit_log) WHERE id = 1');
      return;
    }
    if (!secretKey) throw new Error('the audit log has rows to seal with SECRET_KEY: run `govmail migrate` with SECRET_KEY set');
    const at = new Date();
    const details = JSON.stringify({ legacy_rows: Number(head.seq), legacy_last_hash: head.last_hash });
    const hash = sealHash(secretKey, head.last_hash, at, details);
    // The time goes in as text with its milliseconds, which the hash covers (a Date replacement loses them on MySQL).
    await sequelize.query("INSERT INTO audit_log (at, actor, action, target, details, prev_hash, hash, chain) VALUES (:at, 'system', :action, NULL, :details, :prev, :hash, 2)",
      { replacements: withDbTimes(sequelize, { at, action: SEAL_ACTION, details, prev: head.last_hash, hash }), type: QueryTypes.INSERT });
    const [seal] = await sequelize.query<{ id: number | string }>('SELECT id FROM audit_log WHERE hash = :hash', { replacements: { hash }, type: QueryTypes.SELECT });
    await sequelize.query('UPDATE audit_head SET seq = seq + 1, last_hash = :hash, last_id = :id WHERE id = 1', { replacements: { hash, id: Number(seal.id) } });
  },
  async down({ queryInterface: q }) {
    // Keyed rows cannot be expressed in the plain chain: going down keeps them and the log then fails to verify
    // on the old code. Only the columns go.
    await q.removeColumn('audit_head', 'last_id');
    await q.removeColumn('audit_log', 'chain');
  },
};
