// upload_runs: a file HR or an admin uploaded on the web, between the preview (dry run) and the confirmed
// import, plus the progress of that import as a job. The file is kept only as an AES-GCM blob under
// SECRET_KEY (services/uploads/upload-runs.ts), erased when the import finishes or the run expires, so a
// roster with personal data does not linger. The worker writes phase/done/total; the page polls them.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { id, str, text, int, date, ref, timestamps } from './columns.js';

export const uploadRuns: Migration = {
  name: '0005-upload-runs',
  async up({ queryInterface: q, dialect }) {
    await q.createTable('upload_runs', {
      id: id(),
      token: str(64),
      kind: str(16),
      user_id: ref('users', false, 'CASCADE'),
      actor: str(190),
      file_name: str(255, true),
      // LONGTEXT on MariaDB: a 5 MB upload is ~7 MB of base64, past TEXT's 64 KB.
      content: { type: dialect === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long'), allowNull: true },
      options: text(),
      status: str(16),
      phase: str(16, true),
      done: int(0),
      total: int(0),
      result: { type: dialect === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('medium'), allowNull: true },
      error: text(),
      batch_id: int(null),
      expires_at: date(false),
      ...timestamps(),
    });
    await q.addIndex('upload_runs', ['token'], { name: 'upload_runs_token_uq', unique: true });
    await q.addIndex('upload_runs', ['expires_at'], { name: 'upload_runs_expires_idx' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('upload_runs');
  },
};
