// DDL that a rerun skips. MariaDB and MySQL commit each CREATE/ALTER on their own, so a migration that fails
// part-way there leaves what it made behind, and umzug, which records a migration only when it finished, runs it
// again from the top: each step must then see that it is already done. (SQLite rolls the whole migration back.)
// Migrations from 0019 on build their schema through these; test/integration/db/migrations.test.ts runs each of
// them twice to hold that.
import type { IndexesOptions, ModelAttributes, QueryInterface, QueryInterfaceIndexOptions } from 'sequelize';

type ColumnAttrs = Parameters<QueryInterface['addColumn']>[2];

export interface SchemaOnce {
  createTable(table: string, attributes: ModelAttributes): Promise<void>;
  /** `opts.name` is required: it is how a rerun knows the index is there */
  addIndex(table: string, fields: string[], opts: QueryInterfaceIndexOptions & { name: string }): Promise<void>;
  addColumn(table: string, column: string, attributes: ColumnAttrs): Promise<void>;
}

export function schemaOnce(q: QueryInterface): SchemaOnce {
  return {
    async createTable(table, attributes) {
      if (!(await q.tableExists(table))) await q.createTable(table, attributes);
    },
    async addIndex(table, fields, opts) {
      const existing = (await q.showIndex(table)) as IndexesOptions[];
      if (!existing.some((i) => i.name === opts.name)) await q.addIndex(table, fields, opts);
    },
    async addColumn(table, column, attributes) {
      if (!(column in (await q.describeTable(table)))) await q.addColumn(table, column, attributes);
    },
  };
}
