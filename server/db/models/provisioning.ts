import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export interface ImportBatchAttrs {
  id: number;
  kind: 'roster';
  actor: string;
  file_name: string | null;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  disabled_count: number;
  /** AES-256-GCM of the initial passwords (services/provisioning/credentials-store.ts); null once taken. */
  credentials_blob: string | null;
  credentials_count: number;
  credentials_expires_at: Date | null;
  credentials_taken_at: Date | null;
  credentials_taken_by: string | null;
}

export interface RetiredAddressAttrs {
  id: number;
  address: string;
  local_part: string;
  domain: string;
  reason: 'transfer' | 'domain-migration' | 'deleted';
  retired_at: Date;
}

export interface DomainMigrationAttrs {
  id: number;
  from_domain: string;
  to_domain: string;
  /** comma list, sorted; null = every agency in the domain */
  agency_codes: string | null;
  status: 'running' | 'done';
  actor: string;
  moved: number;
  aliases: number;
  /** JSON array of conflicts from the last pass */
  conflicts: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export function defineProvisioningModels(s: Sequelize) {
  const ImportBatch = defineTable<ImportBatchAttrs>(s, 'ImportBatch', 'import_batches', {
    id: pk,
    kind: DataTypes.STRING,
    actor: DataTypes.STRING,
    file_name: DataTypes.STRING,
    created_count: DataTypes.INTEGER,
    updated_count: DataTypes.INTEGER,
    unchanged_count: DataTypes.INTEGER,
    disabled_count: DataTypes.INTEGER,
    // SQLite has one TEXT type and warns about a length option.
    credentials_blob: s.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long'),
    credentials_count: DataTypes.INTEGER,
    credentials_expires_at: DataTypes.DATE(3),
    credentials_taken_at: DataTypes.DATE(3),
    credentials_taken_by: DataTypes.STRING,
  });
  const RetiredAddress = defineTable<RetiredAddressAttrs>(s, 'RetiredAddress', 'retired_addresses', {
    id: pk,
    address: DataTypes.STRING,
    local_part: DataTypes.STRING,
    domain: DataTypes.STRING,
    reason: DataTypes.STRING,
    retired_at: DataTypes.DATE(3),
  }, { timestamps: false });
  const DomainMigration = defineTable<DomainMigrationAttrs>(s, 'DomainMigration', 'domain_migrations', {
    id: pk,
    from_domain: DataTypes.STRING,
    to_domain: DataTypes.STRING,
    agency_codes: DataTypes.STRING,
    status: DataTypes.STRING,
    actor: DataTypes.STRING,
    moved: DataTypes.INTEGER,
    aliases: DataTypes.INTEGER,
    conflicts: DataTypes.TEXT,
    started_at: DataTypes.DATE(3),
    finished_at: DataTypes.DATE(3),
  }, { timestamps: false });
  return { ImportBatch, RetiredAddress, DomainMigration };
}
