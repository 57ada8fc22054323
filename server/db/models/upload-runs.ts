import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export type UploadRunStatus = 'previewed' | 'queued' | 'running' | 'done' | 'failed';

export interface UploadRunAttrs {
  id: number;
  /** the handle in URLs and forms (random, unguessable); access also requires user_id to match */
  token: string;
  kind: 'roster' | 'org';
  user_id: number;
  actor: string;
  file_name: string | null;
  /** AES-256-GCM of the table parsed at the upload (services/uploads/upload-runs.ts, import/table-codec.ts); null once imported */
  content: string | null;
  /** JSON of the confirmed import options */
  options: string | null;
  status: UploadRunStatus;
  phase: string | null;
  done: number;
  total: number;
  /** JSON summary of the import (counts, errors) */
  result: string | null;
  error: string | null;
  batch_id: number | null;
  expires_at: Date;
}

export function defineUploadRunModels(s: Sequelize) {
  const UploadRun = defineTable<UploadRunAttrs>(s, 'UploadRun', 'upload_runs', {
    id: pk,
    token: DataTypes.STRING,
    kind: DataTypes.STRING,
    user_id: DataTypes.INTEGER,
    actor: DataTypes.STRING,
    file_name: DataTypes.STRING,
    content: DataTypes.TEXT,
    options: DataTypes.TEXT,
    status: DataTypes.STRING,
    phase: DataTypes.STRING,
    done: DataTypes.INTEGER,
    total: DataTypes.INTEGER,
    result: DataTypes.TEXT,
    error: DataTypes.TEXT,
    batch_id: DataTypes.INTEGER,
    expires_at: DataTypes.DATE(3),
  });
  return { UploadRun };
}
