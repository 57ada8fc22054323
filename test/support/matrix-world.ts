// The route matrix's world (test/integration/web/route-matrix.test.ts): two agencies of the Hòa Bình org chart,
// A = SNV and B = STC, each with staff mailboxes, a hotline inbox and one citizen ticket; one signed-in user per
// role, agency-scoped in A and province-wide; upload runs for the users who may upload. Every resource exists in
// A ("own" for a user of A) and in B ("other"), so a path parameter can be filled from either side.
import type { Db } from '../../server/db/index.js';
import type { Role } from '../../server/db/models/foundation.js';
import { listRules } from '../../server/services/triage/rule-store.js';
import { addCalendarOverride } from '../../server/services/sla/calendar-admin.js';
import { setMailboxPassword } from '../../server/services/provisioning/mailbox-lifecycle.js';
import { createUploadRun } from '../../server/services/uploads/upload-runs.js';
import { createSharedMailbox } from '../../server/services/provisioning/shared-mailboxes.js';
import { ingestMessage } from '../../server/services/ingestion/ingest-message.js';
import { ctx, mail } from '../integration/tickets/ticket-fixture.js';
import { importRows, seedHoabinh, TEST_ACTOR } from './provisioning-fixtures.js';
import { rosterCsv } from './roster-factory.js';
import { buildUser, TEST_SECRET } from './web.js';

export type Side = 'own' | 'other';
/** Who asks: anonymous, or a role agency-scoped in A (@A) or province-wide (@P). Staff exist only in an agency. */
export const SCOPED_ROLES: readonly Role[] = ['staff', 'agent', 'supervisor', 'leader', 'hr', 'admin'];
export const PROVINCE_ROLES: readonly Role[] = ['agent', 'supervisor', 'leader', 'hr', 'admin'];
export type Who = 'anon' | `${Role}@A` | `${Exclude<Role, 'staff'>}@P`;
export const WHO: readonly Who[] = ['anon', ...SCOPED_ROLES.map((r) => `${r}@A` as Who), ...PROVINCE_ROLES.map((r) => `${r}@P` as Who)];

export interface AgencySide {
  id: number;
  code: string;
  name: string;
  ticketRef: string;
  /** the ticket's citizen mail (its raw .eml and attachments download by this id) */
  messageId: number;
  /** the ticket's citizen, as the ticket page shows them */
  citizen: string;
  /** a staff person's mailbox, and their name */
  mailbox: string;
  person: string;
  /** a mail of the hotline set aside as an auto-reply (no ticket): the /review pages' resource */
  reviewMailId: number;
  /** the agency's mail domain, and a shared mailbox on it (văn thư) */
  domain: string;
  shared: string;
}

export interface MatrixUser { who: Who; id: number; username: string; password: string }

export interface MatrixWorld {
  A: AgencySide;
  B: AgencySide;
  users: Map<Who, MatrixUser>;
  /** upload tokens by owner (a user of the matrix, or 'hr@B') and kind */
  uploads: Map<string, { roster: string; org: string }>;
  ruleId: string;
  /** a date with a province calendar override */
  overrideDate: string;
}

const PEOPLE = [
  { employee_code: 'RM-A-1', full_name: 'Nguyễn Văn An', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'RM-A-2', full_name: 'Trần Thị Bình', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'RM-B-1', full_name: 'Lê Thị Cúc', agency_code: 'STC', position: 'Kế toán' },
  { employee_code: 'RM-B-2', full_name: 'Phạm Văn Dũng', agency_code: 'STC', position: 'Kế toán' },
];
export const MATRIX_PASSWORD = 'Ma-tran-quyen-2026-ok';
/** An upload that previews but never imports anything: an org row whose parent does not exist. */
export const HARMLESS_ORG_FILE = 'code,name,kind,parent_code,mail_domain,hotline_address\nRMX,Thử ma trận,department,KHONGCO,rmx.example,\n';
export const HARMLESS_ROSTER_FILE = rosterCsv([{ employee_code: 'RM-A-9', full_name: 'Đỗ Văn Thử', agency_code: 'SNV', position: 'Chuyên viên' }]);

/** A hotline inbox on an agency of the org chart, and one citizen mail ingested into it as production does. */
async function hotlineTicket(db: Db, code: string, citizen: string): Promise<{ ref: string; messageId: number; reviewMailId: number }> {
  const agency = (await db.models.Agency.findOne({ where: { code } }))!;
  const address = agency.hotline_address!;
  const inbox = await db.models.HotlineInbox.create({ agency_id: agency.id, address, imap_host: '127.0.0.1', imap_port: 1, imap_user: address,
    imap_secure: false, imap_folder: 'INBOX', password_enc: 'unused', poll_interval_s: 60, uid_validity: '1', last_uid: 0,
    lease_owner: 'test', lease_until: new Date(Date.now() + 3_600_000), consecutive_failures: 0, active: true } as never);
  const ref = { inbox: { id: inbox.id, agency_id: agency.id, history_cutoff: null, address }, agency: { id: agency.id, code, name: agency.name },
    uidValidity: '1', leaseOwner: 'test', leaseMs: 3_600_000 };
  const outcome = await ingestMessage(db, ctx, ref, { uid: 1, source: mail({ to: address, from: `${citizen} <${code.toLowerCase()}.congdan@example.vn>`,
    subject: `Phản ánh gửi ${agency.name}`, body: `Kính gửi ${agency.name}, đề nghị kiểm tra.` }) });
  if (outcome !== 'ticket') throw new Error(`matrix world: expected a ticket in ${code}, got ${outcome}`);
  const auto = await ingestMessage(db, ctx, ref, { uid: 2, source: mail({ to: address, from: `vang-mat@${code.toLowerCase()}.example.vn`,
    subject: 'Trả lời tự động: vắng mặt', headers: ['Auto-Submitted: auto-replied'] }) });
  if (auto !== 'auto') throw new Error(`matrix world: expected an auto-reply in ${code}, got ${auto}`);
  const reviewMailId = (await db.models.Message.findOne({ where: { inbox_id: inbox.id, uid: 2 } }))!.id;
  const ticket = (await db.models.Ticket.findOne({ where: { agency_id: agency.id } }))!;
  return { ref: ticket.ref, messageId: (await db.models.Message.findOne({ where: { ticket_id: ticket.id } }))!.id, reviewMailId };
}

export async function buildMatrixWorld(db: Db): Promise<MatrixWorld> {
  await seedHoabinh(db);
  await importRows(db, PEOPLE);
  const side = async (code: string, n: 1 | 2, citizen: string): Promise<AgencySide> => {
    const agency = (await db.models.Agency.findOne({ where: { code } }))!;
    const staffRow = (await db.models.Staff.findOne({ where: { employee_code: `RM-${code === 'SNV' ? 'A' : 'B'}-${n}` } }))!;
    const box = (await db.models.Mailbox.findOne({ where: { staff_id: staffRow.id } }))!;
    const { ref, messageId, reviewMailId } = await hotlineTicket(db, code, citizen);
    return { id: agency.id, code, name: agency.name, ticketRef: ref, messageId, reviewMailId, citizen, mailbox: box.address, person: staffRow.full_name,
      domain: agency.mail_domain!, shared: `vanthu@${agency.mail_domain!}` };
  };
  const A = await side('SNV', 2, 'Hoàng Thị Ánh');
  const B = await side('STC', 1, 'Quách Văn Bảo');

  const users = new Map<Who, MatrixUser>();
  // The staff account is the one roster import made for RM-A-1, past its first sign-in.
  const staffBox = (await db.models.Mailbox.findOne({ where: { staff_id: (await db.models.Staff.findOne({ where: { employee_code: 'RM-A-1' } }))!.id } }))!;
  await setMailboxPassword(db, staffBox.address, { actor: TEST_ACTOR, password: MATRIX_PASSWORD, mustChange: false });
  await db.models.User.update({ must_change_password: false }, { where: { username: staffBox.address } });
  const staffUser = (await db.models.User.findOne({ where: { username: staffBox.address } }))!;
  users.set('staff@A', { who: 'staff@A', id: staffUser.id, username: staffBox.address, password: MATRIX_PASSWORD });
  for (const role of PROVINCE_ROLES) {
    for (const [suffix, agencyId] of [['A', A.id], ['P', null]] as const) {
      const who = `${role}@${suffix}` as Who;
      const u = await buildUser(db, { username: `rm-${role}-${suffix.toLowerCase()}`, role, agencyId, password: MATRIX_PASSWORD, displayName: `Ma trận ${who}` });
      users.set(who, { who, id: u.user.id, username: u.username, password: MATRIX_PASSWORD });
    }
  }
  const hrB = await buildUser(db, { username: 'rm-hr-b', role: 'hr', agencyId: B.id, password: MATRIX_PASSWORD });
  const adminB = await buildUser(db, { username: 'rm-admin-b', role: 'admin', agencyId: B.id, password: MATRIX_PASSWORD });

  for (const [side, owner] of [[A, 'rm-hr-a'], [B, hrB.username]] as const) {
    await createSharedMailbox(db, { address: side.shared, agencyCode: side.code, owners: [owner], name: `Văn thư ${side.name}`, actor: TEST_ACTOR, secretKey: TEST_SECRET });
  }

  // Each uploader's own runs, previewed and not confirmed; B's officer's runs are the "other" ones.
  const uploads = new Map<string, { roster: string; org: string }>();
  const owners: [string, number, string][] = [...users.values()].filter((u) => /^(hr|admin)@/.test(u.who)).map((u) => [u.who, u.id, u.username]);
  owners.push(['hr@B', hrB.user.id, hrB.username], ['admin@B', adminB.user.id, adminB.username]);
  for (const [key, userId, actor] of owners) {
    const run = async (kind: 'roster' | 'org', text: string) =>
      (await createUploadRun(db, { kind, userId, actor, fileName: `${kind}.csv`, bytes: Buffer.from(text), secretKey: TEST_SECRET })).token;
    uploads.set(key, { roster: await run('roster', HARMLESS_ROSTER_FILE), org: await run('org', HARMLESS_ORG_FILE) });
  }

  const overrideDate = `${new Date().getFullYear()}-12-30`;
  await addCalendarOverride(db, { date: overrideDate, kind: 'off', reason: 'Nghỉ bù (ma trận quyền)' }, 'test');
  return { A, B, users, uploads, ruleId: (await listRules(db))[0]!.id, overrideDate };
}
