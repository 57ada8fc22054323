// The hotline queue at scale (issue 14 item 1): keyset pages walk (due_at, id) or (received_at, id) inside an
// agency (or across agencies for province-wide users), so each sort has an index that serves it without a sort
// step; the citizen's name folded (no tone marks, lower case) so "nguyen van" finds "Nguyễn Văn" on SQLite as on
// MariaDB, backfilled here; and each user's saved queue filters (name + query string), kept per user.
import type { Migration } from './context.js';
import { id, ref, str, timestamps } from './columns.js';
import { schemaOnce } from './schema-once.js';

/** The fold as services/text stripToneMarks did it at this migration, lower-cased (frozen: later changes there
 *  must not change what this backfill writes). */
export function foldName0019(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').normalize('NFC').toLowerCase().slice(0, 255);
}
const BACKFILL_BATCH = 500;

const INDEXES: { fields: string[]; name: string }[] = [
  { fields: ['agency_id', 'due_at', 'id'], name: 'tickets_agency_due_idx' },
  { fields: ['agency_id', 'received_at', 'id'], name: 'tickets_agency_received_idx' },
  { fields: ['due_at', 'id'], name: 'tickets_due_idx' },
  { fields: ['received_at', 'id'], name: 'tickets_received_idx' },
];

export const queueViews: Migration = {
  name: '0019-queue-views',
  async up({ queryInterface: q, sequelize }) {
    const schema = schemaOnce(q);
    for (const i of INDEXES) await schema.addIndex('tickets', i.fields, { name: i.name });
    await schema.addColumn('tickets', 'citizen_folded', str(255, true));
    // One UPDATE per batch (a CASE over its ids), not per ticket: a province's history is a million rows.
    for (let after = 0; ;) {
      const [rows] = await sequelize.query('SELECT id, citizen_name FROM tickets WHERE id > ? AND citizen_name IS NOT NULL ORDER BY id LIMIT ?',
        { replacements: [after, BACKFILL_BATCH] }) as [{ id: number; citizen_name: string }[], unknown];
      if (!rows.length) break;
      await sequelize.query(`UPDATE tickets SET citizen_folded = CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${rows.map(() => '?').join(',')})`,
        { replacements: [...rows.flatMap((r) => [r.id, foldName0019(r.citizen_name)]), ...rows.map((r) => r.id)] });
      after = rows[rows.length - 1].id;
    }
    await schema.createTable('queue_views', {
      id: id(),
      user_id: ref('users', false, 'CASCADE'),
      name: str(100),
      query: str(1000),
      ...timestamps(),
    });
    await schema.addIndex('queue_views', ['user_id', 'name'], { unique: true, name: 'queue_views_user_name_uq' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('queue_views');
    for (const i of INDEXES) await q.removeIndex('tickets', i.name);
    await q.removeColumn('tickets', 'citizen_folded');
  },
};
