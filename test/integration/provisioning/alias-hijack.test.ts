// Issue 13 item 4, alias hijack: with the generated Postfix maps an alias receives the mail of its address and
// lets the target mailbox send as it, so HR must not alias an address that is someone else's already: the
// agency's hotline (citizen mail), a retired address (mail still addressed to the person who left or moved),
// an address that is already an alias of another mailbox, a shared mailbox or any mailbox. Tried through the
// service (the rule lives there, so the CLI obeys it too) and once through the HR page.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, type Agent } from '../../support/web.js';
import { credentialsOf, importRows, refusal, seedHoabinh, TEST_ACTOR, TEST_SECRET } from '../../support/provisioning-fixtures.js';
import { actorOf, type Actor } from '../../../server/services/auth/actor.js';
import { addAlias, removeAlias } from '../../../server/services/provisioning/aliases.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';
import { createSharedMailbox } from '../../../server/services/provisioning/shared-mailboxes.js';

const SNV = 'snv.hoabinh.gov.vn';
const HOTLINE = `duongdaynong@${SNV}`;

forEachDb('alias hijack (issue 13 item 4)', (getDb) => {
  let addr: Map<string, string>;
  let hr: Actor;
  let web: { agent: Agent; csrf: string };

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    addr = new Map((await credentialsOf(db, await importRows(db, [
      { employee_code: 'AH-1', full_name: 'Nguyễn Văn An', agency_code: 'SNV', position: 'Chuyên viên' },
      { employee_code: 'AH-2', full_name: 'Trần Thị Bích', agency_code: 'SNV', position: 'Chuyên viên' },
      { employee_code: 'AH-3', full_name: 'Lê Văn Cường', agency_code: 'SNV', position: 'Chuyên viên' },
    ]))).map((c) => [c.employeeCode, c.address]));
    const snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    const officer = await buildUser(db, { role: 'hr', agencyId: snvId });
    hr = actorOf(officer.user);
    web = await loginAgent(testApp(db), officer.username, officer.password);
  });

  const aliasRows = (address: string) => getDb().models.MailAlias.count({ where: { address } });

  it("refuses the agency's hotline address, to an agency officer and to a province-wide one", async () => {
    for (const [actor, address] of [[hr, HOTLINE], [TEST_ACTOR, HOTLINE], [hr, HOTLINE.toUpperCase()]] as const) {
      const e = await refusal(addAlias(getDb(), { address, goto: addr.get('AH-1')!, actor }));
      expect(e).to.include({ id: 'alias.hotline', field: 'address', status: 409 });
    }
    expect(await aliasRows(HOTLINE)).to.equal(0);
  });

  it("refuses a hotline inbox's address and login, not only the agency's hotline field", async () => {
    const db = getDb();
    const snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    await db.models.HotlineInbox.create({ agency_id: snvId, address: `tiepdan@${SNV}`, imap_host: '127.0.0.1', imap_port: 993,
      imap_user: `tiepdan.login@${SNV}`, imap_secure: true, imap_folder: 'INBOX', password_enc: '', poll_interval_s: 60, last_uid: 0,
      consecutive_failures: 0, active: true } as never);
    for (const address of [`tiepdan@${SNV}`, `tiepdan.login@${SNV}`]) {
      expect(await refusal(addAlias(db, { address, goto: addr.get('AH-1')!, actor: hr }))).to.include({ id: 'alias.hotline', field: 'address' });
      expect(await aliasRows(address)).to.equal(0);
    }
  });

  it('refuses a retired address, after its forwarding alias was removed', async () => {
    const db = getDb();
    const moved = await transferStaff(db, { who: 'AH-3', toAgencyCode: 'STP', aliasDays: 90, actor: TEST_ACTOR });
    await removeAlias(db, { address: moved.from, actor: TEST_ACTOR });
    const e = await refusal(addAlias(db, { address: moved.from, goto: addr.get('AH-1')!, actor: hr }));
    expect(e).to.include({ id: 'alias.retired', field: 'address', status: 409 });
    expect(await aliasRows(moved.from)).to.equal(0);
  });

  it('refuses an address that is already an alias of another mailbox, naming that mailbox', async () => {
    const db = getDb();
    await addAlias(db, { address: `vanthu@${SNV}`, goto: addr.get('AH-1')!, actor: hr });
    const e = await refusal(addAlias(db, { address: `vanthu@${SNV}`, goto: addr.get('AH-2')!, actor: hr }));
    expect(e).to.include({ id: 'alias.taken', field: 'address', status: 409 });
    expect(e.params).to.deep.equal({ address: `vanthu@${SNV}`, goto: addr.get('AH-1') });
    expect(await db.models.MailAlias.findAll({ where: { address: `vanthu@${SNV}` }, raw: true })).to.have.length(1);
  });

  it('refuses a shared mailbox and any other mailbox address', async () => {
    const db = getDb();
    await createSharedMailbox(db, { address: `vanphong@${SNV}`, agencyCode: 'SNV', actor: TEST_ACTOR, secretKey: TEST_SECRET });
    expect(await refusal(addAlias(db, { address: `vanphong@${SNV}`, goto: addr.get('AH-1')!, actor: hr })))
      .to.include({ id: 'alias.shared_mailbox', field: 'address', status: 409 });
    expect(await refusal(addAlias(db, { address: addr.get('AH-2')!, goto: addr.get('AH-1')!, actor: hr })))
      .to.include({ id: 'alias.is_mailbox', field: 'address', status: 409 });
    expect(await aliasRows(`vanphong@${SNV}`) + await aliasRows(addr.get('AH-2')!)).to.equal(0);
  });

  it('on the HR page: the refusal names the field and the reason next to the alias field, the value kept', async () => {
    const box = addr.get('AH-2')!;
    const post = (alias: string) => web.agent.post(`/hr/mailboxes/${box}/alias-add`).type('form').send({ _csrf: web.csrf, alias });
    const hotline = await post(HOTLINE).expect(409);
    expect(hotline.text).to.contain('class="field has-error"').and.contain(`value="${HOTLINE}"`)
      .and.contain(`Địa chỉ phụ ${HOTLINE} là địa chỉ đường dây nóng`);
    const taken = await post(`vanthu@${SNV}`).expect(409);
    expect(taken.text).to.contain(`Địa chỉ phụ vanthu@${SNV} đã là bí danh của ${addr.get('AH-1')}`);
    expect(await aliasRows(HOTLINE)).to.equal(0);
    expect(await getDb().models.MailAlias.count({ where: { goto: box } })).to.equal(0);
  });
});
