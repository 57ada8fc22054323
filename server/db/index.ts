// The database handle the whole app passes around: web, CLI and jobs receive a Db; services take it as their
// first argument. No module-level singleton, so tests can hold SQLite and MariaDB side by side.
import type { Sequelize } from 'sequelize';
import { openSequelize, dialectOf, type Dialect } from './connect.js';
import { defineFoundationModels } from './models/foundation.js';
import { defineMailAccountModels } from './models/mail-accounts.js';
import { defineProvisioningModels } from './models/provisioning.js';
import { defineHotlineModels } from './models/hotline.js';
import { defineUploadRunModels } from './models/upload-runs.js';
import { defineSlaModels } from './models/sla.js';
import { defineMetricsModels } from './models/metrics.js';
import { defineReplyDeskModels } from './models/reply-desk.js';

function defineModels(s: Sequelize) {
  const models = { ...defineFoundationModels(s), ...defineMailAccountModels(s), ...defineProvisioningModels(s), ...defineHotlineModels(s), ...defineUploadRunModels(s), ...defineSlaModels(s), ...defineMetricsModels(s), ...defineReplyDeskModels(s) };
  // Across the two model files: a session's check loads its user and the user's mailbox in one query (auth/sessions.ts).
  models.User.belongsTo(models.Mailbox, { foreignKey: 'mailbox_id', as: 'mailbox', constraints: false });
  // A ticket's viewers come with their names and roles in one query (services/tickets/viewers.ts).
  models.TicketViewer.belongsTo(models.User, { foreignKey: 'user_id', as: 'user', constraints: false });
  return models;
}

export type Models = ReturnType<typeof defineModels>;

export interface Db {
  url: string;
  dialect: Dialect;
  sequelize: Sequelize;
  models: Models;
  close(): Promise<void>;
}

export function openDb(url: string, opts: { logging?: boolean } = {}): Db {
  const sequelize = openSequelize(url, opts);
  return { url, dialect: dialectOf(url), sequelize, models: defineModels(sequelize), close: () => sequelize.close() };
}

export { execWrite, dbTime, withDbTimes, sqliteFile } from './connect.js';
export { inTransaction } from './transaction.js';
export { isWriteConflict } from './write-conflict.js';
export { modelRow, selectColumns } from './model-rows.js';
export { readRows } from './read-rows.js';
export { inList } from './in-list.js';
