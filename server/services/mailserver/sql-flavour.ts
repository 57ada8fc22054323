// The two places where the mail server's SQL differs between SQLite and MariaDB/MySQL.
export type SqlDriver = 'sqlite' | 'mysql';

/** In MySQL `||` is logical OR, so a '||' user_query silently returns 1 (provisioning.md pitfall 7). */
export function concat(driver: SqlDriver, ...parts: string[]): string {
  return driver === 'mysql' ? `CONCAT(${parts.join(', ')})` : parts.join(' || ');
}

/**
 * "Not expired" for an alias. Dates are stored in UTC by both dialects, but differently:
 * MariaDB has DATETIME(3), so compare with UTC_TIMESTAMP (NOW() follows the session time zone);
 * SQLite has sequelize's text 'YYYY-MM-DD HH:MM:SS.SSS +00:00', which julianday() parses with its offset
 * (a plain text comparison would also meet rows written as ISO 'T…Z' by hand and compare them wrongly).
 */
export function aliasLiveCondition(driver: SqlDriver, column: string): string {
  return driver === 'mysql'
    ? `(${column} IS NULL OR ${column} > UTC_TIMESTAMP(3))`
    : `(${column} IS NULL OR julianday(${column}) > julianday('now'))`;
}
