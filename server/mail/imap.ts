// The one importer of imapflow. Ingestion sees a mailbox as: its UIDVALIDITY (a BigInt, so a string here),
// the UIDs above a cursor, and their raw bytes. Invariants from EmailEngine's and imapflow's own advice:
// UIDs are collected first and sources fetched in batches with fetchAll, so no IMAP command ever runs
// inside a fetch iteration (that deadlocks imapflow); the mailbox lock is released in `finally`; \Seen is
// never read or set, nothing is deleted.
import { ImapFlow } from 'imapflow';

/** Sources per UID FETCH: bounds memory (25 MiB cap × batch) and keeps each round trip short. */
export const FETCH_BATCH_SIZE = 25;
const CONNECT_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 120_000;

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  folder: string;
}

export interface FetchedMessage {
  uid: number;
  source: Buffer;
  /** when the server received it; decides history import against the cut-off */
  internalDate: Date | null;
}

export interface ImapMailbox {
  /** UIDVALIDITY as a decimal string */
  uidValidity: string;
  uidNext: number;
  /** UIDs strictly above `afterUid`, ascending. */
  uidsAfter(afterUid: number): Promise<number[]>;
  /** When the server received each message in the folder (INTERNALDATE; null where it gives none); no bodies. */
  internalDates(): Promise<(Date | null)[]>;
  /** Raw sources of `uids`, in batches of FETCH_BATCH_SIZE, ascending. */
  fetchSources(uids: number[]): AsyncGenerator<FetchedMessage>;
  /** Resolves when the server announces new mail (IDLE), after `timeoutMs`, or when `signal` aborts (shutdown);
   *  true when mail arrived. */
  waitForNewMail(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}

/** A typed IMAP failure: `auth` needs an operator (wrong password), `network` is retried with backoff. */
export class ImapError extends Error {
  override readonly name = 'ImapError';
  constructor(message: string, readonly kind: 'auth' | 'network' | 'mailbox', options?: { cause?: unknown }) {
    super(message, options);
  }
}

function toImapError(e: unknown): ImapError {
  if (e instanceof ImapError) return e;
  const err = e as { authenticationFailed?: boolean; message?: string; code?: string; responseText?: string };
  const message = err?.responseText || err?.message || String(e);
  if (err?.authenticationFailed) return new ImapError(`authentication failed: ${message}`, 'auth', { cause: e });
  if (err?.code === 'NoConnection' || /ECONN|ETIMEDOUT|EPIPE|socket|closed|connect/i.test(`${err?.code ?? ''} ${message}`)) {
    return new ImapError(`connection failed: ${message}`, 'network', { cause: e });
  }
  return new ImapError(message, 'mailbox', { cause: e });
}

function newClient(cfg: ImapConfig): ImapFlow {
  return new ImapFlow({
    host: cfg.host, port: cfg.port, secure: cfg.secure, auth: { user: cfg.user, pass: cfg.pass },
    logger: false, connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: SOCKET_TIMEOUT_MS,
    // Only the hotline's own waitForNewMail idles; otherwise imapflow's auto-IDLE would race our commands.
    disableAutoIdle: true,
    clientInfo: { name: 'govmail' },
  });
}

/** Connects, locks the folder, runs `fn`, and always releases the lock and logs out. */
export async function withImapMailbox<T>(cfg: ImapConfig, fn: (mailbox: ImapMailbox) => Promise<T>): Promise<T> {
  const client = newClient(cfg);
  client.on('error', () => undefined); // surfaced as a rejected command; an unhandled 'error' would kill the process
  try {
    await client.connect();
  } catch (e) {
    throw toImapError(e);
  }
  try {
    const lock = await client.getMailboxLock(cfg.folder).catch((e: unknown) => { throw toImapError(e); });
    try {
      const box = client.mailbox;
      if (!box) throw new ImapError(`folder ${cfg.folder} did not open`, 'mailbox');
      // The message count when the last search ran. An EXISTS that arrives with another command's response
      // (between the search and the next IDLE) has no listener yet; comparing counts keeps it from being lost.
      let searchedAtCount = box.exists;
      const mailbox: ImapMailbox = {
        uidValidity: String(box.uidValidity),
        uidNext: box.uidNext,
        uidsAfter: async (afterUid) => {
          searchedAtCount = client.mailbox ? client.mailbox.exists : searchedAtCount;
          const found = await client.search({ uid: `${afterUid + 1}:*` }, { uid: true }).catch((e: unknown) => { throw toImapError(e); });
          // imapflow answers a search on a dropped connection with false/undefined instead of throwing; read as
          // "no mail" that made the worker spin on a dead socket instead of reconnecting.
          if (!Array.isArray(found)) throw new ImapError('UID SEARCH failed: the connection was closed', 'network');
          // `N:*` always matches the highest UID even when it is below N (RFC 3501 §6.4.8), so filter.
          return found.filter((uid) => uid > afterUid).sort((a, b) => a - b);
        },
        fetchSources: (uids) => fetchInBatches(client, uids),
        internalDates: async () => {
          if (!client.mailbox || client.mailbox.exists === 0) return []; // FETCH 1:* on an empty folder is an error
          const rows = await client.fetchAll('1:*', { internalDate: true }).catch((e: unknown) => { throw toImapError(e); });
          return rows.map((r) => {
            const date = r.internalDate ? new Date(r.internalDate) : null;
            return date && !Number.isNaN(date.getTime()) ? date : null;
          });
        },
        waitForNewMail: (timeoutMs, signal) =>
          client.mailbox && client.mailbox.exists !== searchedAtCount ? Promise.resolve(true) : waitForExists(client, timeoutMs, signal),
      };
      return await fn(mailbox);
    } finally {
      lock.release();
    }
  } catch (e) {
    throw e instanceof ImapError || !isImapLibraryError(e) ? e : toImapError(e);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function isImapLibraryError(e: unknown): boolean {
  const err = e as { code?: string; responseText?: string; authenticationFailed?: boolean };
  return Boolean(err && (err.code || err.responseText || err.authenticationFailed));
}

async function* fetchInBatches(client: ImapFlow, uids: number[]): AsyncGenerator<FetchedMessage> {
  // fetchAll finishes the command before we yield, so the consumer may run its own IMAP commands (they queue
  // behind it). The next batch is asked for before this one is handed out, so the server reads while we work.
  const fetchBatch = (at: number) => {
    const rows = client.fetchAll(uids.slice(at, at + FETCH_BATCH_SIZE).join(','), { uid: true, source: true, internalDate: true }, { uid: true })
      .catch((e: unknown) => { throw toImapError(e); });
    rows.catch(() => undefined); // awaited below, or dropped when the consumer stops early
    return rows;
  };
  let next = uids.length ? fetchBatch(0) : null;
  for (let at = 0; at < uids.length; at += FETCH_BATCH_SIZE) {
    const batch = uids.slice(at, at + FETCH_BATCH_SIZE);
    const rows = await next!;
    next = at + FETCH_BATCH_SIZE < uids.length ? fetchBatch(at + FETCH_BATCH_SIZE) : null;
    const byUid = new Map(rows.map((r) => [r.uid, r]));
    for (const uid of batch) {
      const row = byUid.get(uid);
      if (!row?.source) continue; // expunged between SEARCH and FETCH: nothing to ingest
      const date = row.internalDate ? new Date(row.internalDate) : null;
      yield { uid, source: row.source, internalDate: date && !Number.isNaN(date.getTime()) ? date : null };
    }
  }
}

function waitForExists(client: ImapFlow, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (arrived: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.off('exists', onExists);
      client.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      resolve(arrived);
    };
    const onExists = () => finish(true);
    const onClose = () => finish(false);
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    // A connection that closed before the listeners were attached sends no 'close' again: without this check
    // the wait would sit out its whole timeout on a dead socket (seen when Dovecot stops between two commands).
    if (signal?.aborted || !client.usable) return finish(false);
    signal?.addEventListener('abort', onAbort, { once: true });
    client.on('exists', onExists);
    client.on('close', onClose);
    // idle() resolves only when IDLE ends; the next command (the fetch after we resolve) ends it, and so does a
    // dropped connection, which is the case to notice here.
    client.idle().then(() => { if (!client.usable) finish(false); }, () => finish(false));
  });
}

/** Logs in and opens the folder: the admin page's "test connection". */
export async function testImapConnection(cfg: ImapConfig): Promise<{ uidValidity: string; uidNext: number }> {
  return withImapMailbox(cfg, async (m) => ({ uidValidity: m.uidValidity, uidNext: m.uidNext }));
}

/** APPEND (tests, bench, and history import of saved mail); `internalDate` sets the server's receive time of each. */
export async function appendMessages(cfg: ImapConfig, raws: Buffer[], flags: string[] = [], internalDate?: Date): Promise<void> {
  const client = newClient(cfg);
  client.on('error', () => undefined);
  await client.connect().catch((e: unknown) => { throw toImapError(e); });
  try {
    for (const raw of raws) await client.append(cfg.folder, raw, flags, internalDate);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** `imap://user:pass@host:port/FOLDER?tls=false` (imaps:// or tls=true for TLS from the start). */
export function imapConfigFromUrl(url: string): ImapConfig {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error(`IMAP URL must start with imap:// or imaps://, not ${u.protocol}`);
  const tls = u.searchParams.get('tls');
  const secure = tls === null ? u.protocol === 'imaps:' : tls === 'true';
  const folder = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: u.hostname, port: Number(u.port || (secure ? 993 : 143)), secure,
    user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password), folder,
  };
}
