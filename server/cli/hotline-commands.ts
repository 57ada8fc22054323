// Hotline contract commands (DESIGN.md §6): hotline:set, poll, tickets, outbox:flush, reconcile.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CLI_ACTOR, cliOperator } from './cli-errors.js';
import { CliError, type CommandModule } from './context.js';

const ingestion = () => import('../services/ingestion/index.js');

/** The mail server govmail provisions for usually runs beside it. */
const DEFAULT_MAIL_SERVER = 'imap://127.0.0.1:143/INBOX?tls=false';

export const hotlineCommands: CommandModule = (program: Command, ctx) => {
  program
    .command('hotline:set <agencyCode>')
    .description('sets the hotline IMAP inbox of an agency: a login typed in --imap (stored encrypted), or --mailbox, a mailbox govmail made whose kept password nobody types')
    .option('--imap <url>', 'imap://user[:pass]@host:port/FOLDER?tls=false; better without the password, given by --password-file or --password-stdin')
    .option('--password-file <file>', 'with --imap: the IMAP password is the first line of this file')
    .option('--password-stdin', 'with --imap: the IMAP password is the first line of standard input')
    .option('--mailbox <address>', 'a shared mailbox of the agency (mailbox:create-shared); its login and kept password are read at each connection')
    .option('--server <url>', 'with --mailbox: where the mail server answers IMAP, without a login', DEFAULT_MAIL_SERVER)
    .option('--interval <seconds>', 'poll interval', '60')
    .option('--history-before <iso>', 'mail received before this is imported as history, without receipts (default: now)')
    .option('--allow-plain', 'allow plain IMAP (no TLS); only to a loopback host (tls=false written in the URL allows it too)')
    .option('--test', 'after saving, log in and open the folder (audited; on failure the details go to stderr)')
    .option('--json', 'print JSON')
    .action(async (agencyCode: string, opts) => {
      if (!opts.imap === !opts.mailbox) throw new CliError('give exactly one of --imap URL or --mailbox ADDRESS');
      const db = ctx.db();
      const [{ imapConfigFromUrl }, { checkInboxTransport, setHotlineInbox, setHotlineMailbox, testInboxConnection }] =
        await Promise.all([import('../mail/imap.js'), ingestion()]);
      let test: Awaited<ReturnType<typeof testInboxConnection>> | undefined;
      try {
        // The admin form's rule: plain IMAP sends the password in clear text, so loopback only and only when asked.
        // Here `tls=false` written in the URL is the asking (the contract's form, DESIGN.md §6), as is --allow-plain.
        const serverUrl: string = opts.mailbox ? opts.server : opts.imap;
        const server = imapConfigFromUrl(serverUrl);
        checkInboxTransport(server.host, server.secure, Boolean(opts.allowPlain) || new URL(serverUrl).searchParams.get('tls') === 'false');
        const imapUrl = opts.imap ? withPassword(opts.imap, await readPassword(opts)) : undefined;
        const common = { agencyCode, pollIntervalS: Number(opts.interval), ...(opts.historyBefore ? { historyCutoff: new Date(opts.historyBefore) } : {}) };
        const inbox = opts.mailbox
          ? await setHotlineMailbox(db, { ...common, mailbox: opts.mailbox, server: opts.server })
          : await setHotlineInbox(db, ctx.env.SECRET_KEY, { ...common, imapUrl: imapUrl! });
        const stderrLog = { warn: (details: object, message: string) => process.stderr.write(`${message}: ${JSON.stringify(details)}\n`) };
        test = opts.test ? await testInboxConnection(db, ctx.env.SECRET_KEY, inbox.agency_id, CLI_ACTOR, stderrLog) : undefined;
        ctx.print(opts, { agency: agencyCode, inbox: inbox.imap_user, folder: inbox.imap_folder, mailbox: inbox.mailbox_id !== null, test },
          () => `hotline inbox of ${agencyCode} set to ${inbox.imap_user}`);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      if (test && !test.ok) throw new CliError('saved, but the connection test failed (details above)');
    });

  program
    .command('poll')
    .description('one pass over the hotline inboxes')
    .option('--once', 'one pass, then exit (the only mode of this command; the worker runs the loop)')
    .option('--agency <code>', 'only this agency')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { pollAllInboxes } = await ingestion();
      const counts = await pollAllInboxes(ctx.db(), await ctx.ingestContext(), { secretKey: ctx.env.SECRET_KEY, agencyCode: opts.agency });
      ctx.print(opts, counts, () => Object.entries(counts).map(([k, v]) => `${k}: ${v}`));
    });

  program
    .command('tickets')
    .description('lists hotline tickets')
    .option('--agency <code>', 'only this agency')
    .option('--status <status>', 'only this status')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { listTicketItems } = await import('../services/tickets/index.js');
      const list = await listTicketItems(ctx.db(), await cliOperator(), { agencyCode: opts.agency, status: opts.status });
      ctx.print(opts, list, () => list.map((t) => `${t.ref}\t${t.status}\t${t.citizen}\t${t.subject}`));
    });

  program
    .command('outbox:flush')
    .description('sends what is due now')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { flushOutbox } = await import('../services/outbox/index.js');
      const ingest = await ctx.ingestContext();
      const r = await flushOutbox(ctx.db(), await ctx.transport(), { alertTo: ingest.alertTo, alertFrom: ingest.mailFrom });
      ctx.print(opts, { sent: r.sent, failed: r.failed, deferred: r.deferred, unknown: r.unknown }, () => `sent ${r.sent}, failed ${r.failed}, deferred ${r.deferred}`);
    });

  program
    .command('reconcile')
    .description('UIDs on the server against those ingested or quarantined, with gaps')
    .option('--agency <code>', 'only this agency')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { reconcileInboxes } = await ingestion();
      const reports = await reconcileInboxes(ctx.db(), ctx.env.SECRET_KEY, opts.agency);
      ctx.print(opts, reports, () => reports.map((r) => `${r.agency}\t${r.on_server} on server\t${r.gaps.length} gaps${r.error ? `\t${r.error}` : ''}`));
      // runCli's return value is the exit code (process.exitCode would be overwritten), so fail through CliError:
      // the JSON stays the one document on stdout and the reason goes to stderr.
      const bad = reports.filter((r) => r.gaps.length || r.error);
      if (bad.length) throw new CliError(`${bad.length} inbox(es) with gaps or errors: ${bad.map((r) => r.agency).join(', ')}`, 1);
    });
};

/**
 * The IMAP password: from --password-file or --password-stdin, or else from the URL. The URL form is the CLI
 * contract's (DESIGN.md §6) and stays, with a warning, since a password in argv shows in the process list and the
 * shell history.
 */
async function readPassword(opts: { imap: string; passwordFile?: string; passwordStdin?: boolean }): Promise<string> {
  const inUrl = decodeURIComponent(new URL(opts.imap).password);
  const given = [opts.passwordFile, opts.passwordStdin, inUrl].filter(Boolean).length;
  if (given !== 1) throw new CliError('with --imap, give the password once: --password-file FILE or --password-stdin (or, less safely, in the URL)');
  if (inUrl) {
    process.stderr.write('warning: a password in --imap shows in the process list and the shell history; prefer --password-file FILE or --password-stdin\n');
    return inUrl;
  }
  const text = opts.passwordFile ? await readFile(opts.passwordFile, 'utf8') : await readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new CliError('the password is empty');
  return password;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function withPassword(imapUrl: string, password: string): string {
  const url = new URL(imapUrl);
  url.password = encodeURIComponent(password);
  return url.toString();
}
