// The placeholders of an SQL IN list for raw reads (readRows): `IN (${inList(ids)})` with the values passed beside
// it, so no value is ever spliced into the SQL text.

/** `?, ?, …`, one placeholder per value. `IN ()` is an SQL error, so an empty list throws: callers answer an
 *  empty list before they build the query. */
export function inList(values: readonly unknown[]): string {
  if (!values.length) throw new Error('inList: an IN list needs at least one value');
  return values.map(() => '?').join(', ');
}
