// Backups that restore: `govmail backup --out DIR` (a consistent dump and its manifest) and `govmail restore DIR`
// (into a new, empty database, checked against the manifest).
export { createBackup } from './backup.js';
export type { BackupResult } from './backup.js';
export { restoreBackup } from './restore.js';
export type { RestoreResult } from './restore.js';
export { BackupError } from './backup-error.js';
export type { Manifest } from './manifest.js';
