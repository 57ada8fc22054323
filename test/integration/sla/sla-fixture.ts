// Shared set-up for clock, triage and referral tests: two agencies with agents, a supervisor or a leader,
// and tickets opened through the TicketOpener with a triage mail, as the hotline would.
import type { TestDb } from '../../support/databases.js';
import type { Role } from '../../../server/db/models/foundation.js';
import type { TicketAttrs } from '../../../server/db/models/hotline.js';
import { TicketOpener } from '../../../server/services/tickets/open-ticket.js';
import type { TriageMail } from '../../../server/services/triage/rules.js';

export interface Org {
  stc: { id: number; code: string };
  sxd: { id: number; code: string };
  agents: number[];
  supervisor: number;
  leaderSxd: number;
  agentSxd: number;
}

async function user(db: TestDb, username: string, role: Role, agencyId: number, name: string): Promise<number> {
  const u = await db.models.User.create({ username, display_name: name, password_hash: 'x', role, agency_id: agencyId, locale: 'vi',
    active: true, must_change_password: false, failed_logins: 0 } as never);
  return u.id;
}

/** STC (Sở Thông tin): two agents and a supervisor. SXD (Sở Xây dựng): one agent and a leader, no supervisor. */
export async function setupOrg(db: TestDb): Promise<Org> {
  const stc = await db.models.Agency.create({ code: 'STC', name: 'Sở Thông tin', kind: 'department', hotline_address: 'stc@hotline.gov.vn' } as never);
  const sxd = await db.models.Agency.create({ code: 'SXD', name: 'Sở Xây dựng', kind: 'department', hotline_address: 'sxd@hotline.gov.vn' } as never);
  const agents = [await user(db, 'an.nv@stc.gov.vn', 'agent', stc.id, 'Nguyễn Văn An'), await user(db, 'binh.tt@stc.gov.vn', 'agent', stc.id, 'Trần Thị Bình')];
  const supervisor = await user(db, 'truong.phong@stc.gov.vn', 'supervisor', stc.id, 'Lê Trưởng Phòng');
  const leaderSxd = await user(db, 'giam.doc@sxd.gov.vn', 'leader', sxd.id, 'Phạm Giám Đốc');
  const agentSxd = await user(db, 'cuong.lv@sxd.gov.vn', 'agent', sxd.id, 'Lê Văn Cường');
  return { stc: { id: stc.id, code: 'STC' }, sxd: { id: sxd.id, code: 'SXD' }, agents, supervisor, leaderSxd, agentSxd };
}

export function triageMail(subject: string, text: string, over: Partial<TriageMail> = {}): TriageMail {
  return { hotlineAddress: 'stc@hotline.gov.vn', from: 'congdan@example.vn', subject, text, attachments: [], ...over };
}

/** Opens a ticket at STC (or `agency`) received at `at`, triaged on subject/body, with its clock started. */
export async function openTicket(db: TestDb, at: string | Date, subject: string, body = '', agency: { id: number; code: string } | null = null,
  org?: Org): Promise<TicketAttrs> {
  const a = agency ?? org?.stc ?? { id: 1, code: 'STC' };
  const { ticket } = await new TicketOpener(db).openOne({ agency: a, citizenAddress: 'congdan@example.vn', citizenName: 'Nguyễn Văn Dân',
    subject, receivedAt: new Date(at), history: false, triage: triageMail(subject, body), now: new Date(at) });
  return ticket;
}
