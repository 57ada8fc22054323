// A backup or restore problem the operator can fix (a missing tool, a non-empty target, a corrupted dump): a stable
// id for the edges, and a message that says what to do.
export class BackupError extends Error {
  constructor(readonly id: string, message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
