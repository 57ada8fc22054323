import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { setAssignmentStrategy } from '../../../server/services/triage/apply-triage.js';
import { saveRule, listRules } from '../../../server/services/triage/rule-store.js';
import { DEFAULT_TRIAGE_RULES } from '../../../server/services/triage/default-rules.js';
import { openTicket, setupOrg, type Org } from '../sla/sla-fixture.js';

const nfd = (s: string) => s.normalize('NFD');
const AT = '2027-03-01T09:00:00+07:00';

forEachDb('triage on new tickets', (getDb) => {
  let org: Org;
  before(async () => {
    org = await setupOrg(getDb());
  });

  it('loads the seeded rules in position order', async () => {
    const rules = await listRules(getDb());
    expect(rules.map((r) => r.id)).to.deep.equal(DEFAULT_TRIAGE_RULES.map((r) => r.id));
  });

  const spellings: [string, string][] = [
    ['NFC with tone marks', 'Sạt lở đất chắn quốc lộ 6'],
    ['NFD with tone marks', nfd('Sạt lở đất chắn quốc lộ 6')],
    ['without tone marks', 'Sat lo dat chan quoc lo 6'],
    ['upper case NFD', nfd('SẠT LỞ ĐẤT CHẮN QUỐC LỘ 6')],
  ];
  for (const [how, body] of spellings) {
    it(`files a landslide mail written ${how} as khẩn, urgent, with the 4-working-hour clock`, async () => {
      const db = getDb();
      const t = await openTicket(db, AT, 'Báo tin', body, null, org);
      expect({ class: t.class, priority: t.priority, category: t.category }).to.deep.equal({ class: 'khan', priority: 'urgent', category: 'nong_nghiep_thien_tai' });
      const clock = (await getClock(db, t.id))!;
      expect(clock.triage_rule).to.equal('seed-khan-thien-tai-noi-dung');
      // 09:00–11:30 is 2.5 h, the lunch break does not count, 13:30 + 1.5 h = 15:00 local.
      expect(clock.first_response_due!.toISOString()).to.equal('2027-03-01T08:00:00.000Z');
    });
  }

  for (const [how, subject] of [['NFC', 'Đơn tố cáo cán bộ địa chính'], ['NFD', nfd('Đơn tố cáo cán bộ địa chính')], ['no tone marks', 'Don to cao can bo dia chinh']]) {
    it(`files a denunciation subject written ${how} as tố cáo`, async () => {
      const t = await openTicket(getDb(), AT, subject, 'Nội dung kèm theo.', null, org);
      expect(t.class).to.equal('to_cao');
    });
  }

  it('falls back to phản ánh/kiến nghị and normal, and leaves the category for an officer, when no rule matches', async () => {
    const t = await openTicket(getDb(), AT, 'Xin chào', 'Cảm ơn quý cơ quan.', null, org);
    expect({ class: t.class, category: t.category, priority: t.priority }).to.deep.equal({ class: 'phan_anh_kien_nghi', category: null, priority: 'normal' });
  });

  it('files a complaint\'s class and its field: the class rule continues to the category rules', async () => {
    const db = getDb();
    const t = await openTicket(db, AT, 'Đơn khiếu nại', 'Tôi khiếu nại quyết định thu hồi đất của gia đình tôi.', null, org);
    expect({ class: t.class, category: t.category, priority: t.priority }).to.deep.equal({ class: 'khieu_nai', category: 'dat_dai', priority: 'normal' });
    expect((await getClock(db, t.id))!.triage_rule).to.equal('seed-khieu-nai');
  });

  it('routes to the rule\'s agency and assignee', async () => {
    const db = getDb();
    const saved = await saveRule(db, { id: 'cay-xanh', name: 'Cây xanh → Sở Xây dựng', position: 5, enabled: true,
      conditions: { in: 'both', keywordsAny: ['cây xanh'] }, actions: { agencyCode: 'sxd', category: 'xay_dung_do_thi', assignee: 'cuong.lv@sxd.gov.vn' } });
    expect(saved.ok).to.equal(true);
    const t = await openTicket(db, AT, 'Cay xanh gay do', 'Cây xanh gãy đổ trên phố.', null, org);
    expect(t.agency_id).to.equal(org.sxd.id);
    expect((await getClock(db, t.id))!.assignee_id).to.equal(org.agentSxd);
  });

  it('assigns round-robin by default and least-open when the agency chooses it', async () => {
    const db = getDb();
    const picks: number[] = [];
    for (let i = 0; i < 4; i++) picks.push((await getClock(db, (await openTicket(db, AT, `Hỏi ${i}`, 'Xin hỏi.', null, org)).id))!.assignee_id!);
    expect(new Set(picks.slice(0, 2))).to.deep.equal(new Set(org.agents));
    expect(picks[2]).to.equal(picks[0]);
    expect(picks[3]).to.equal(picks[1]);
    // Resolve the first agent's work: least-open must now pick them every time until loads are equal.
    await db.models.TicketSla.update({ resolved_at: new Date() }, { where: { assignee_id: org.agents[0] } });
    await setAssignmentStrategy(db, org.stc.id, 'least_open');
    const next = (await getClock(db, (await openTicket(db, AT, 'Hỏi tiếp', 'Xin hỏi.', null, org)).id))!.assignee_id;
    expect(next).to.equal(org.agents[0]);
  });

  it('`govmail rules:test` names the rule that fires for an .eml written in NFD', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-test-'));
    const file = path.join(dir, 'mail.eml');
    fs.writeFileSync(file, ['From: Dân <dan@example.vn>', 'To: stc@hotline.gov.vn', `Subject: =?UTF-8?B?${Buffer.from(nfd('Khiếu nại thu hồi đất')).toString('base64')}?=`,
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', nfd('Tôi khiếu nại việc bồi thường khi thu hồi đất.'), ''].join('\r\n'));
    const run = await runGovmail(['rules:test', file, '--json'], { DATABASE_URL: getDb().url });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.code, run.stderr).to.equal(0);
    const out = run.json<{ rule: string; rules: string[]; actions: { class: string; category: string } }>();
    expect(out.rule).to.equal('seed-khieu-nai');
    expect(out.rules).to.deep.equal(['seed-khieu-nai', 'seed-dat-dai']);
    expect(out.actions).to.deep.equal({ class: 'khieu_nai', category: 'dat_dai' });
  });
});
