// Column shorthands shared by migrations, so every table spells ids, flags and timestamps the same way
// on SQLite and MariaDB.
import { DataTypes } from 'sequelize';

export const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
export const ref = (table: string, allowNull = true, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' = 'RESTRICT') => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
});
export const str = (len = 190, allowNull = false) => ({ type: DataTypes.STRING(len), allowNull });
export const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });
export const flag = (defaultValue: boolean) => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue });
export const int = (defaultValue: number | null = 0) => ({ type: DataTypes.INTEGER, allowNull: defaultValue === null, defaultValue });
export const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
export const timestamps = () => ({ created_at: date(false), updated_at: date(false) });
