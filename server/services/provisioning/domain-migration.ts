/**
 * Moves agencies to a new domain after a merger (`--from hoabinh.gov.vn --to phutho.gov.vn`): the domain and
 * its subdomains map by suffix (stc.hoabinh.gov.vn → stc.phutho.gov.vn). Each mailbox keeps its local part
 * and maildir, gets the new address, and its old address stays as an alias to it; other aliases (hotline@…)
 * get a twin in the new domain. A target address already taken is a conflict: reported and skipped, or given
 * the lowest free number with `renumber`.
 * Shared mailboxes move like any other (their kept password and owners follow the row), and hotline inboxes
 * follow their mailboxes: their IMAP login and address (domain-hotlines.ts).
 * Resumable: every mailbox moves in its own transaction, and a run only selects what is still in the old
 * domain, so after a crash the same command continues (the unfinished run row is reused), and a run after a
 * finished one changes nothing.
 */
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { mailDomainProblem } from '../org/index.js';
import { allocateLocalPart } from './address-allocator.js';
import { invalid, notFound } from './errors.js';
import { takenLocalParts } from './taken-addresses.js';
import { moveMailbox } from './transfer.js';
import { carryHotlineInboxes } from './domain-hotlines.js';
import type { Actor } from '../auth/index.js';
import { assertProvinceAdmin } from './mailbox-guard.js';

const DAY_MS = 86_400_000;
/** Alias rows that hold an address that moved away; they stay in the old domain and are not copied. */
const MOVED_AWAY_REASONS = new Set(['domain-migration', 'transfer']);

export interface DomainMigrationInput {
  from: string;
  to: string;
  agencyCodes?: string[];
  dryRun?: boolean;
  renumber?: boolean;
  /** How long old addresses keep resolving; null (default) = for good, the mergers' usual promise. */
  aliasDays?: number | null;
  /** a province-wide admin (the domains are the province's) */
  actor: Actor;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface DomainConflict { address: string; target: string; reason: string }

export interface DomainMigrationResult {
  runId: number | null;
  resumed: boolean;
  dryRun: boolean;
  moved: number;
  aliases: number;
  /** hotline inboxes whose IMAP login or address followed (domain-hotlines.ts); 0 on a dry run */
  hotlines: number;
  agencies: number;
  conflicts: DomainConflict[];
  moves: { from: string; to: string }[];
}

export function domainMapper(from: string, to: string): (domain: string) => string | null {
  return (d) => (d === from ? to : d.endsWith(`.${from}`) ? `${d.slice(0, -from.length)}${to}` : null);
}

function checkDomains(from: string, to: string): void {
  for (const [field, d] of [['from', from], ['to', to]] as const) {
    const p = mailDomainProblem(d);
    if (p) throw invalid('domain.invalid', `${field} ${p.message}`, field);
  }
  if (from === to || from.endsWith(`.${to}`) || to.endsWith(`.${from}`)) {
    throw invalid('domain.overlap', `--from ${from} and --to ${to} must not be equal or contain each other`, 'to');
  }
}

export async function migrateDomain(db: Db, input: DomainMigrationInput): Promise<DomainMigrationResult> {
  assertProvinceAdmin(input.actor, 'a domain migration');
  const from = input.from.toLowerCase(), to = input.to.toLowerCase();
  checkDomains(from, to);
  const map = domainMapper(from, to);
  const now = input.now ?? new Date();
  const { Agency, Mailbox, MailAlias, MailDomain, DomainMigration } = db.models;
  const codes = (input.agencyCodes ?? []).map((c) => c.toUpperCase()).sort();
  const all = await Agency.findAll();
  for (const c of codes) if (!all.some((a) => a.code === c)) throw notFound('agency', c, 'agency');
  const inScope = all.filter((a) => (codes.length === 0 || codes.includes(a.code)));
  const scopeIds = new Set(inScope.map((a) => a.id));
  const agencyMoves = inScope.filter((a) => a.mail_domain && map(a.mail_domain));

  const boxes = (await Mailbox.findAll({ where: { [Op.or]: [{ domain: from }, { domain: { [Op.like]: `%.${from}` } }] }, order: [['id', 'ASC']] }))
    .filter((b) => map(b.domain) && (codes.length === 0 || (b.agency_id !== null && scopeIds.has(b.agency_id))));
  // Old domains in scope: those of agencies still to move, and (on a resumed run) of agencies already moved,
  // so aliases left uncopied by a crash are still found.
  const back = domainMapper(to, from);
  const scopeDomains = new Set(boxes.map((b) => b.domain));
  for (const a of inScope) {
    const old = a.mail_domain ? (map(a.mail_domain) ? a.mail_domain : back(a.mail_domain)) : null;
    if (old) scopeDomains.add(old);
  }
  const targets = [...new Set([...scopeDomains].map((d) => map(d)!))];
  const taken = await takenLocalParts(db, targets, { now });

  // Decide every target address first (same logic for the dry run and the real one).
  const conflicts: DomainConflict[] = [];
  const plan: { box: (typeof boxes)[number]; domain: string; localPart: string }[] = [];
  // Two passes: everyone whose address is free keeps it first; only then do conflicting ones get numbers,
  // so a renumbered annv never takes the annv2 that an existing colleague is about to bring along.
  const clashing: typeof boxes = [];
  for (const box of boxes) {
    const domain = map(box.domain)!;
    if (taken.get(domain)!.has(box.local_part)) clashing.push(box);
    else plan.push({ box, domain, localPart: box.local_part });
  }
  for (const p of plan) taken.get(p.domain)!.add(p.localPart);
  for (const box of clashing) {
    const domain = map(box.domain)!;
    const set = taken.get(domain)!;
    if (!input.renumber) {
      conflicts.push({ address: box.address, target: `${box.local_part}@${domain}`, reason: 'the address is already a mailbox or alias there' });
      continue;
    }
    const localPart = allocateLocalPart(box.local_part, (c) => set.has(c));
    set.add(localPart);
    plan.push({ box, domain, localPart });
  }
  const loadAliases = async () => (await MailAlias.findAll({ where: { domain: [...scopeDomains] }, order: [['id', 'ASC']] }))
    .filter((a) => !MOVED_AWAY_REASONS.has(a.reason ?? ''));
  let aliasRows = await loadAliases();

  if (input.dryRun) {
    return { runId: null, resumed: false, dryRun: true, moved: plan.length, aliases: aliasRows.length, hotlines: 0, agencies: agencyMoves.length, conflicts,
      moves: plan.map((p) => ({ from: p.box.address, to: `${p.localPart}@${p.domain}` })) };
  }

  const agencyKey = codes.length ? codes.join(',') : null;
  let run = await DomainMigration.findOne({ where: { from_domain: from, to_domain: to, agency_codes: agencyKey, status: 'running' } });
  const resumed = run !== null;
  run ??= await DomainMigration.create({ from_domain: from, to_domain: to, agency_codes: agencyKey, status: 'running', actor: input.actor.username, moved: 0, aliases: 0, conflicts: null, started_at: now, finished_at: null });

  await inTransaction(db.sequelize, async () => {
    for (const d of scopeDomains) {
      const old = await MailDomain.findByPk(d);
      await MailDomain.findOrCreate({ where: { domain: map(d)! }, defaults: { domain: map(d)!, agency_id: old?.agency_id ?? null, active: true } });
    }
    for (const a of agencyMoves) {
      const hotline = a.hotline_address ? `${a.hotline_address.split('@')[0]}@${map(a.hotline_address.split('@')[1]!) ?? a.hotline_address.split('@')[1]}` : null;
      await a.update({ mail_domain: map(a.mail_domain!)!, hotline_address: hotline });
    }
  });

  const aliasExpiresAt = input.aliasDays == null ? null : new Date(now.getTime() + input.aliasDays * DAY_MS);
  const moves: { from: string; to: string }[] = [];
  let done = 0;
  for (const p of plan) {
    const moved = await inTransaction(db.sequelize, async () => {
      const m = await moveMailbox(db, p.box, { agencyId: p.box.agency_id ?? 0, domain: p.domain, localPart: p.localPart }, { reason: 'domain-migration', aliasExpiresAt, now });
      await run!.increment('moved');
      return m;
    });
    moves.push(moved);
    input.onProgress?.(++done, plan.length + aliasRows.length);
  }
  // Reloaded: the moves above pointed these aliases at the new addresses.
  aliasRows = await loadAliases();
  let aliases = 0;
  for (const a of aliasRows) {
    const address = `${a.address.split('@')[0]}@${map(a.domain)!}`;
    await inTransaction(db.sequelize, async () => {
      if (await MailAlias.count({ where: { address, goto: a.goto } })) return;
      if (await Mailbox.count({ where: { address } })) {
        conflicts.push({ address: a.address, target: address, reason: 'the alias address is a mailbox there' });
        return;
      }
      await MailAlias.create({ address, goto: a.goto, domain: map(a.domain)!, active: a.active, reason: a.reason, expires_at: a.expires_at });
      await run!.increment('aliases');
      aliases++;
    });
    input.onProgress?.(++done, plan.length + aliasRows.length);
  }
  // Hotline logins follow their mailboxes (also on a resumed run, whose earlier part moved the mailboxes).
  const hotlines = await carryHotlineInboxes(db, inScope.map((a) => a.id), input.actor.username);
  await run.update({ status: 'done', finished_at: new Date(), conflicts: conflicts.length ? JSON.stringify(conflicts) : null });
  await audit(db, { actor: input.actor.username, action: 'domain.migrate', target: `${from}→${to}`,
    details: { run: run.id, resumed, agencies: codes.length ? codes : 'all', moved: moves.length, aliases, hotlines, conflicts: conflicts.length } });
  return { runId: run.id, resumed, dryRun: false, moved: moves.length, aliases, hotlines, agencies: agencyMoves.length, conflicts, moves };
}
