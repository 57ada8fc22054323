// One mailbox at a time (list, password, suspend/restore, leaver, transfer, quota, aliases) and the mail
// server's SQL config. Thin: each command calls one service in services/provisioning or services/mailserver.
import type { CommandModule } from './context.js';
import { cliAction, cliOperator, parseDays } from './cli-errors.js';
import type { SessionCut } from '../services/provisioning/index.js';

const provisioning = () => import('../services/provisioning/index.js');
const DAY_MS = 86_400_000;

export const mailboxCommands: CommandModule = (program, ctx) => {
  program
    .command('mailbox:list')
    .description('list mailboxes')
    .option('--agency <code>', 'only this agency')
    .option('--json', 'print JSON: [{address, agency, staff, active, …}]')
    .action(cliAction(async (opts) => {
      const { listMailboxes } = await provisioning();
      const rows = await listMailboxes(ctx.db(), { agencyCode: opts.agency });
      ctx.print(opts, rows, () => rows.map((r) => `${r.active ? ' ' : r.suspended ? 'S' : r.left ? 'L' : '-'} ${r.address}\t${r.agency ?? ''}\t${r.staff ?? ''}`));
    }));

  program
    .command('mailbox:create-shared')
    .description('a shared or role mailbox (hotline, văn thư, a unit\'s mailbox) with its owners; govmail generates and keeps its password (never printed)')
    .argument('<address>')
    .requiredOption('--agency <code>', 'the agency it belongs to (the address must be in one of its mail domains)')
    .option('--owner <user>', 'a user who may use it: username or the address of their mailbox (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--name <name>', 'display name, e.g. "Văn thư Sở Tư pháp"')
    .option('--json', 'print JSON: {address, agency, name, owners, kind}')
    .action(cliAction(async (address: string, opts) => {
      const { createSharedMailbox } = await provisioning();
      const r = await createSharedMailbox(ctx.db(), { address, agencyCode: opts.agency, owners: opts.owner, name: opts.name ?? null, actor: await cliOperator(), secretKey: ctx.env.SECRET_KEY });
      const out = { address: r.address, agency: r.agency.code, name: r.name, owners: r.owners.map((o) => o.username), kind: 'shared' };
      ctx.print(opts, out, () => `shared mailbox ${r.address} created for ${r.agency.code}${out.owners.length ? `; owners: ${out.owners.join(', ')}` : ''}`);
    }));

  program
    .command('mailbox:set-password')
    .description('set a password (given, or generated and printed once); the owner must change it at the next web login')
    .argument('<address>')
    .option('--password <password>', 'ASCII, 12+ characters; generated when omitted')
    .option('--json', 'print JSON')
    .action(cliAction(async (address: string, opts) => {
      const { setMailboxPassword } = await provisioning();
      const r = await setMailboxPassword(ctx.db(), address, { password: opts.password, actor: await cliOperator() });
      ctx.print(opts, r, () => (r.password ? [`password of ${r.address} reset`, `one-time password: ${r.password}`] : `password of ${r.address} set`));
    }));

  const simple = (name: string, description: string, fn: (address: string) => Promise<void>, done: string): void => {
    program.command(name).description(description).argument('<address>').option('--json', 'print JSON')
      .action(cliAction(async (address: string, opts) => {
        await fn(address);
        ctx.print(opts, { address: address.toLowerCase(), ok: true }, () => `${address.toLowerCase()} ${done}`);
      }));
  };
  simple('mailbox:restore', 'allow logins again after a suspension or leaving', async (a) => (await provisioning()).restoreMailbox(ctx.db(), a, { actor: await cliOperator() }), 'restored');

  // Suspend and leaver also end open IMAP/POP3 sessions when DOVEADM_KICK is set; a failed kick is a warning
  // on stderr (stdout keeps its one JSON document) and an audit row, never a failed command.
  const sessions = (): SessionCut => ({
    kicker: ctx.sessionKicker,
    log: { info: () => undefined, warn: (d, msg) => process.stderr.write(`warning: ${String(d.address)}: ${msg} (${String(d.error)})\n`) },
  });
  const loginOff = (name: string, description: string, service: 'suspendMailbox' | 'markLeaver', done: string): void => {
    program.command(name).description(description).argument('<address>').option('--json', 'print JSON: {address, ok, sessions}')
      .action(cliAction(async (address: string, opts) => {
        const fn = (await provisioning())[service];
        const r = await fn(ctx.db(), address, { actor: await cliOperator(), sessions: sessions() });
        ctx.print(opts, { address: r.address, ok: true, sessions: r.sessions }, () => `${r.address} ${done}${r.sessions === 'kicked' ? '; open sessions ended' : ''}`);
      }));
  };
  loginOff('mailbox:suspend', 'refuse logins (mail is still delivered and kept); ends open sessions when DOVEADM_KICK is set', 'suspendMailbox', 'suspended');
  loginOff('mailbox:leave', 'a leaver: login disabled, mail kept, address never reused; ends open sessions when DOVEADM_KICK is set', 'markLeaver', 'marked as leaver');

  program
    .command('mailbox:quota')
    .description('set the quota in MB (0 = unlimited)')
    .argument('<address>')
    .argument('<mb>')
    .option('--json', 'print JSON')
    .action(cliAction(async (address: string, mb: string, opts) => {
      const { setMailboxQuota } = await provisioning();
      await setMailboxQuota(ctx.db(), address, Number(mb), { actor: await cliOperator() });
      ctx.print(opts, { address: address.toLowerCase(), quota_mb: Number(mb) }, () => `quota of ${address.toLowerCase()}: ${mb} MB`);
    }));

  program
    .command('staff:transfer')
    .description('move a person to another agency: new address there, the old one kept as an alias for a while')
    .argument('<who>', 'employee code or current address')
    .requiredOption('--to <agency>', 'code of the new agency')
    .option('--alias-days <n>', 'days the old address keeps working', '180')
    .option('--json', 'print JSON')
    .action(cliAction(async (who: string, opts) => {
      const { transferStaff } = await provisioning();
      const r = await transferStaff(ctx.db(), { who, toAgencyCode: opts.to, aliasDays: parseDays(opts.aliasDays), actor: await cliOperator() });
      ctx.print(opts, { ...r, aliasExpiresAt: r.aliasExpiresAt.toISOString() }, () => `${r.from} → ${r.to} (old address works until ${r.aliasExpiresAt.toISOString().slice(0, 10)})`);
    }));

  program
    .command('alias:add')
    .description('deliver mail for ADDRESS to GOTO')
    .argument('<address>')
    .argument('<goto>')
    .option('--days <n>', 'expire after this many days')
    .option('--json', 'print JSON')
    .action(cliAction(async (address: string, goto: string, opts) => {
      const expiresAt = opts.days ? new Date(Date.now() + parseDays(opts.days) * DAY_MS) : null;
      const { addAlias } = await provisioning();
      await addAlias(ctx.db(), { address, goto, expiresAt, actor: await cliOperator() });
      ctx.print(opts, { address: address.toLowerCase(), goto: goto.toLowerCase(), expires_at: expiresAt?.toISOString() ?? null }, () => `${address.toLowerCase()} → ${goto.toLowerCase()}`);
    }));

  program
    .command('alias:remove')
    .description('remove an alias (all its targets, or only GOTO)')
    .argument('<address>')
    .argument('[goto]')
    .option('--json', 'print JSON')
    .action(cliAction(async (address: string, goto: string | undefined, opts) => {
      const { removeAlias } = await provisioning();
      const removed = await removeAlias(ctx.db(), { address, goto, actor: await cliOperator() });
      ctx.print(opts, { address: address.toLowerCase(), removed }, () => `removed ${removed} alias row(s) of ${address.toLowerCase()}`);
    }));

  program
    .command('mailserver:config')
    .description('write Dovecot (dovecot-sql.conf.ext, last-login and quota fragments with their dict) and Postfix (*.cf) SQL maps for this database')
    .requiredOption('--out <dir>', 'output directory')
    .option('--mail-root <dir>', 'absolute directory holding the maildirs', '/var/vmail')
    .option('--config-dir <dir>', 'where the files will be installed on the mail server (default: --out)')
    .option('--ro-user <user>', 'DB account the mail server uses (MariaDB; read-only but for mail_logins); see the GRANTs in the files')
    .option('--ro-password <password>', 'its password')
    .option('--json', 'print JSON')
    .action(cliAction(async (opts) => {
      const readOnlyUser = opts.roUser ? { user: opts.roUser, password: opts.roPassword ?? '' } : undefined;
      const { writeMailServerConfig } = await import('../services/mailserver/index.js');
      const files = writeMailServerConfig(ctx.env.DATABASE_URL, opts.out, { mailRoot: opts.mailRoot, configDir: opts.configDir, readOnlyUser });
      ctx.print(opts, files, () => Object.values(files).map((f) => `wrote ${f}`));
    }));
};
