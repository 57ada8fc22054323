import type { QueryInterface, Sequelize } from 'sequelize';

export interface MigrationContext {
  queryInterface: QueryInterface;
  sequelize: Sequelize;
  dialect: 'sqlite' | 'mysql';
  /** SECRET_KEY, for migrations that key what they write (the audit chain's seal); absent in a bare migrate of a new database */
  secretKey?: string;
}

export interface Migration {
  name: string;
  up(ctx: MigrationContext): Promise<void>;
  down(ctx: MigrationContext): Promise<void>;
}
