// The clock's commands: sla:tick (contract: --json → {reminders, escalations}), ticket:pause/resume/refer,
// rules:test and holiday:add. Thin: parse, find the ticket by ref, call one service, print.
import fs from 'node:fs';
import type { Db } from '../db/index.js';
import type { PauseReason } from '../db/models/sla.js';
import { CLI_ACTOR } from './cli-errors.js';
import { CliError, type CommandModule } from './context.js';

const sla = () => import('../services/sla/index.js');
const tickets = () => import('../services/tickets/index.js');
const time = () => import('../services/time/index.js');

// Written out for --help, which must not load the sla service; test/unit/cli/help-lists.test.ts keeps it equal
// to the service's PAUSE_REASONS.
export const PAUSE_REASON_HELP: readonly PauseReason[] = ['waiting_citizen', 'referred', 'legal_suspension'];

function instant(value: string | undefined, option: string): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new CliError(`${option} "${value}" is not an ISO date-time (e.g. 2027-02-10T09:00:00+07:00)`);
  return d;
}

async function ticketId(db: Db, ref: string): Promise<number> {
  const { ticketIdByRef } = await tickets();
  const id = await ticketIdByRef(db, ref);
  if (id === null) throw new CliError(`no ticket ${ref}`);
  return id;
}

async function clockCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const [{ ClockError, CalendarInputError }, { ReferralError }] = await Promise.all([sla(), tickets()]);
    if (e instanceof ClockError || e instanceof ReferralError || e instanceof CalendarInputError) throw new CliError(e.message);
    throw e;
  }
}

type Clock = { resolution_due: Date | null; first_response_due: Date | null; paused_at: Date | null; pause_reason: string | null };
const clockView = (c: Clock, toLocalIso: (d: Date) => string) => ({
  resolution_due: c.resolution_due ? toLocalIso(c.resolution_due) : null,
  first_response_due: c.first_response_due ? toLocalIso(c.first_response_due) : null,
  paused: Boolean(c.paused_at), pause_reason: c.pause_reason,
});

export const slaTickCommands: CommandModule = (program, ctx) => {
  program.command('sla:tick').description('sends the reminders and escalations due at that instant, each once per ticket and step')
    .option('--now <iso>', 'the instant to tick at (default: now)').option('--json', 'print JSON')
    .action(async (opts) => {
      const { slaTick } = await sla();
      const r = await slaTick(ctx.db(), instant(opts.now, '--now'), { from: ctx.env.MAIL_FROM });
      ctx.print(opts, { reminders: r.reminders, escalations: r.escalations, fired: r.fired },
        () => [`reminders ${r.reminders}, escalations ${r.escalations}`, ...r.fired.map((f) => `${f.ref}\t${f.step}`)]);
    });

  program.command('ticket:pause <ref>').description('stops the legal clock of a ticket, with a reason')
    .requiredOption('--reason <reason>', PAUSE_REASON_HELP.join(' | ')).option('--note <text>', 'what is awaited')
    .option('--at <iso>', 'instant of the pause (default: now)').option('--json', 'print JSON')
    .action(async (ref: string, opts) => {
      const db = ctx.db();
      const [{ pauseAudited }, { toLocalIso }] = await Promise.all([tickets(), time()]);
      const c = await clockCall(async () => pauseAudited(db, { id: await ticketId(db, ref), ref }, { reason: opts.reason, note: opts.note, at: instant(opts.at, '--at'), actor: CLI_ACTOR }));
      ctx.print(opts, { ref, ...clockView(c, toLocalIso) }, () => `${ref} paused (${opts.reason})`);
    });

  program.command('ticket:resume <ref>').description('restarts the clock; deadlines move by the paused working time')
    .option('--at <iso>', 'instant of the resume (default: now)').option('--json', 'print JSON')
    .action(async (ref: string, opts) => {
      const db = ctx.db();
      const [{ resumeAudited }, { toLocalIso }] = await Promise.all([tickets(), time()]);
      const c = await clockCall(async () => resumeAudited(db, { id: await ticketId(db, ref), ref }, { at: instant(opts.at, '--at'), actor: CLI_ACTOR }));
      const view = clockView(c, toLocalIso);
      ctx.print(opts, { ref, ...view }, () => `${ref} resumed, due ${view.resolution_due}`);
    });

  program.command('ticket:refer <ref>').description('chuyển đơn: refers the ticket to the competent agency and tells the citizen once')
    .requiredOption('--to <code>', 'receiving agency code').requiredOption('--reason <text>', 'why it is outside this agency\'s authority')
    .option('--at <iso>', 'instant of the referral (default: now)').option('--json', 'print JSON')
    .action(async (ref: string, opts) => {
      const db = ctx.db();
      const [{ referTicket }, { toLocalIso }] = await Promise.all([tickets(), time()]);
      const r = await clockCall(async () => referTicket(db, await ticketId(db, ref), { toAgencyCode: opts.to, reason: opts.reason,
        at: instant(opts.at, '--at'), actor: CLI_ACTOR, mailFrom: ctx.env.MAIL_FROM }));
      const out = { ref, new_ref: r.newTicket.ref, to: opts.to.toUpperCase(), on_time: r.referral.on_time, notice_queued: r.noticeQueued,
        due: r.newTicket.due_at ? toLocalIso(r.newTicket.due_at) : null };
      ctx.print(opts, out, () => `${ref} referred to ${out.to} as ${out.new_ref}${out.on_time ? '' : ' (after the 5-working-day target)'}`);
    });

  program.command('rules:test <file>').description('which triage rule fires for a mail (.eml), with the reason for every rule')
    .option('--hotline <address>', 'the hotline it arrived at (default: Delivered-To or To)').option('--json', 'print JSON')
    .action(async (file: string, opts) => {
      if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
      const { testRulesOnRaw } = await import('../services/triage/index.js');
      const r = await testRulesOnRaw(ctx.db(), fs.readFileSync(file), opts.hotline ?? null);
      ctx.print(opts, { rule: r.matched?.id ?? null, name: r.matched?.name ?? null, rules: r.fired.map((f) => f.id), actions: r.actions, trace: r.trace },
        () => [...(r.fired.length ? r.fired.map((f) => `${f.id}\t${f.name}`) : ['no rule matched (defaults apply, category left unset)']),
          ...r.trace.filter((t) => !t.why.startsWith('not_evaluated')).map((t) => `  ${t.ruleId}: ${t.why}`)]);
    });

  program.command('holiday:add <date>').description('adds a day off (or, with --work, a swapped working day) to the calendar')
    .requiredOption('--reason <text>', 'the decision, e.g. "Nghỉ bù 2/9 (TB …/TB-BNV)"').option('--work', 'make the date a working day')
    .option('--agency <code>', 'only this agency (default: the whole province)').option('--json', 'print JSON')
    .action(async (date: string, opts) => {
      const db = ctx.db();
      const [{ findAgencyByCode }, { setOverride }] = await Promise.all([import('../services/org/index.js'), sla()]);
      const agency = opts.agency ? await findAgencyByCode(db, opts.agency) : null;
      if (opts.agency && !agency) throw new CliError(`--agency: no agency with code ${opts.agency}`);
      const o = await clockCall(() => setOverride(db, { date, kind: opts.work ? 'work' : 'off', reason: opts.reason, agencyId: agency?.id ?? null }));
      ctx.print(opts, { date: o.date, kind: o.kind, reason: o.reason, scope: o.scope }, () => `${o.date} ${o.kind}: ${o.reason}`);
    });
};
