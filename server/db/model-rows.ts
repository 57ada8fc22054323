// Rows of a hand-written SELECT read as a model's plain attributes, for the few reads every request makes (the
// session and its user). A findOne with includes builds its SQL and model instances anew on each call, several
// times the cost of the query itself; this takes a model's columns under a table alias and a prefix, and gives
// back what findAll({ raw: false }).get({ plain: true }) would: dates as Date (SQLite hands back text, MariaDB a
// Date), booleans as boolean (both hand back 0/1). The column list comes from the model, so it follows the model.
import type { ModelAttributeColumnOptions, ModelStatic, Model } from 'sequelize';

type Kind = 'date' | 'boolean' | 'other';
const kindOf = (a: ModelAttributeColumnOptions): Kind => {
  const key = (a.type as { key?: string }).key;
  return key === 'DATE' ? 'date' : key === 'BOOLEAN' ? 'boolean' : 'other';
};

const attributes = new WeakMap<ModelStatic<Model>, [string, Kind][]>();
function attributesOf(model: ModelStatic<Model>): [string, Kind][] {
  let list = attributes.get(model);
  if (!list) attributes.set(model, list = Object.entries(model.getAttributes() as Record<string, ModelAttributeColumnOptions>).map(([name, a]) => [name, kindOf(a)]));
  return list;
}

/** Some of a model's columns (`only`, a constant list: its filtered attributes are kept by the list's identity). */
const subsets = new WeakMap<readonly string[], [string, Kind][]>();
function columnsOf(model: ModelStatic<Model>, only: readonly string[] | undefined): [string, Kind][] {
  if (!only) return attributesOf(model);
  let list = subsets.get(only);
  if (!list) subsets.set(only, list = attributesOf(model).filter(([name]) => only.includes(name)));
  return list;
}

/** `alias.col AS prefixcol, …` for every column of the model, or for the columns named in `only`. */
export function selectColumns(model: ModelStatic<Model>, alias: string, prefix: string, only?: readonly string[]): string {
  const q = (model.sequelize!.getQueryInterface() as unknown as { queryGenerator: { quoteIdentifier(n: string): string } }).queryGenerator;
  return columnsOf(model, only).map(([name]) => `${q.quoteIdentifier(alias)}.${q.quoteIdentifier(name)} AS ${q.quoteIdentifier(prefix + name)}`).join(', ');
}

/** The model's attributes (or those named in `only`) out of a raw row, each read from `prefix + name`. */
export function modelRow<T>(model: ModelStatic<Model>, row: Record<string, unknown>, prefix: string, only?: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of columnsOf(model, only)) {
    const v = row[prefix + name];
    out[name] = v === null || v === undefined ? null
      : kind === 'date' ? (v instanceof Date ? v : new Date(String(v)))
        : kind === 'boolean' ? Boolean(Number(v))
          : v;
  }
  return out as T;
}
