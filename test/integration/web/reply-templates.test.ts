// /reply-templates through the real app (supertest), on both databases: the page names the agency it is about and
// its forms carry that agency's code, so a province-wide admin who picked an agency saves the template there (found
// in the officer-day e2e: the page rendered a model instance, the code came out empty, and the save went to the
// first agency by code).
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, csrfOf } from '../../support/web.js';

forEachDb('reply templates page', (getDb) => {
  const db = (): TestDb => getDb();
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};

  before(async () => {
    for (const code of ['SGD', 'SXD']) ids[code] = (await db().models.Agency.create({ code, name: `Sở ${code} tỉnh Hòa Bình`, kind: 'department' } as never)).id;
    app = testApp(db());
  });

  it('names the picked agency and saves a province-wide admin\'s template there, not in the first agency', async () => {
    const { agent } = await loginAgent(app, await buildUser(db(), { role: 'admin', agencyId: null }));
    const page = await agent.get('/reply-templates?agency=SXD').expect(200);
    expect(page.text).to.contain('Sở SXD tỉnh Hòa Bình').and.contain('name="agency" value="SXD"');
    // the agency picker names each agency, not its code alone
    expect(page.text).to.contain('<option value="SGD">SGD — Sở SGD tỉnh Hòa Bình</option>').and.contain('<option value="SXD" selected>SXD — Sở SXD tỉnh Hòa Bình</option>');
    // what the browser posts: the form's own hidden agency field
    const agency = /name="agency" value="([^"]*)"/.exec(page.text)![1];
    await agent.post('/reply-templates').type('form').send({ _csrf: csrfOf(page.text), agency, id: '', name: 'Đã nhận hồ sơ', body: 'Kính gửi {{ten_cong_dan}},' })
      .expect(303).expect('location', '/reply-templates?agency=SXD&done=saved');
    const saved = await db().models.ReplyTemplate.findAll({ where: { name: 'Đã nhận hồ sơ' } });
    expect(saved.map((t) => t.agency_id)).to.deep.equal([ids.SXD]);
  });

  it('shows a supervisor\'s own agency by name', async () => {
    const { agent } = await loginAgent(app, await buildUser(db(), { role: 'supervisor', agencyId: ids.SGD }));
    const page = await agent.get('/reply-templates').expect(200);
    expect(page.text).to.match(/data-testid="reply-templates-title">[^<]*Sở SGD tỉnh Hòa Bình</).and.contain('name="agency" value="SGD"');
  });
});
