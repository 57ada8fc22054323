// Helpers for declaring models per database instance. Models are defined on each Sequelize instance (not as
// global classes) so one process can hold a SQLite and a MariaDB database at once, as the tests do.
import { DataTypes, type Model, type ModelStatic, type Sequelize, type ModelAttributes } from 'sequelize';

export type Row<A extends object, C extends object = Partial<A>> = Model<A, C> & A;

export function defineTable<A extends object, C extends object = Partial<A>>(
  sequelize: Sequelize,
  modelName: string,
  tableName: string,
  attributes: ModelAttributes<Row<A, C>>,
  opts: { timestamps?: boolean } = {},
): ModelStatic<Row<A, C>> {
  return sequelize.define<Row<A, C>>(modelName, attributes, {
    tableName,
    underscored: true,
    timestamps: opts.timestamps ?? true,
    createdAt: opts.timestamps === false ? false : 'created_at',
    updatedAt: opts.timestamps === false ? false : 'updated_at',
  });
}

export const pk = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
export { DataTypes };
