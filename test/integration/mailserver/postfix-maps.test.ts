// The Postfix maps written by writeMailServerConfig(), queried through Postfix's own sqlite/mysql drivers.
import fs from 'node:fs';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { writeTestMailServerConfig, type TestMailServerConfig } from '../../support/mail-db-target.js';
import { postmapQuery } from '../../support/postfix.js';
import type { MailServerFileName } from '../../../server/services/mailserver/config-files.js';

const DOMAIN = 'ubnd.hoabinh.gov.vn';
const MINUTE_MS = 60_000;

async function mailbox(db: TestDb, local: string, over: Record<string, unknown> = {}) {
  await db.models.Mailbox.create({
    address: `${local}@${DOMAIN}`, local_part: local, domain: DOMAIN, kind: 'staff',
    password_hash: '{SHA512-CRYPT}$6$x$y', maildir: `${DOMAIN}/${local}-1/`, quota_mb: 10,
    active: true, allow_login: true, must_change_password: false, ...over,
  });
}

async function alias(db: TestDb, local: string, goto: string, over: Record<string, unknown> = {}) {
  await db.models.MailAlias.create({ address: `${local}@${DOMAIN}`, goto, domain: DOMAIN, active: true, reason: null, expires_at: null, ...over });
}

forEachDb('Postfix maps from the mail tables', (getDb) => {
  let config: TestMailServerConfig | undefined;
  let maps: Record<MailServerFileName, string>;
  const q = (file: MailServerFileName, key: string) => postmapQuery(maps[file], key);

  before(async () => {
    const db = getDb();
    config = await writeTestMailServerConfig(db, 'govmail-maps-');
    maps = config.maps;

    await db.models.MailDomain.bulkCreate([{ domain: DOMAIN, agency_id: null, active: true }, { domain: 'old.hoabinh.gov.vn', agency_id: null, active: false }]);
    await mailbox(db, 'nguyenvana');
    await mailbox(db, 'tranthib', { allow_login: false });
    await mailbox(db, 'lethic', { active: false });
    await alias(db, 'hotline', `nguyenvana@${DOMAIN}`);
    await alias(db, 'hotline', `tranthib@${DOMAIN}`);
    await alias(db, 'vanthu', `nguyenvana@${DOMAIN}`, { active: false });
    await alias(db, 'tamthoi', `nguyenvana@${DOMAIN}`, { expires_at: new Date(Date.now() - 10 * MINUTE_MS) });
    await alias(db, 'sukien', `nguyenvana@${DOMAIN}`, { expires_at: new Date(Date.now() + 10 * MINUTE_MS) });
    await alias(db, 'lethic', 'successor@example.vn', { reason: 'leaver' });
  });
  after(() => config?.remove());

  it('writes every file with mode 0640', () => {
    for (const file of Object.values(maps)) expect(fs.statSync(file).mode & 0o777, file).to.equal(0o640);
  });

  it('knows active domains only', async () => {
    expect(await q('virtual-domains.cf', DOMAIN)).to.equal(DOMAIN);
    expect(await q('virtual-domains.cf', 'old.hoabinh.gov.vn')).to.equal(null);
    expect(await q('virtual-domains.cf', 'example.vn')).to.equal(null);
  });

  it('resolves an active mailbox, suspended ones included, whatever the key case', async () => {
    expect(await q('virtual-mailboxes.cf', `nguyenvana@${DOMAIN}`)).to.equal(`${DOMAIN}/nguyenvana-1/`);
    expect(await q('virtual-mailboxes.cf', `NguyenVanA@${DOMAIN}`)).to.equal(`${DOMAIN}/nguyenvana-1/`);
    expect(await q('virtual-mailboxes.cf', `tranthib@${DOMAIN}`)).to.equal(`${DOMAIN}/tranthib-1/`);
    expect(await q('virtual-mailboxes.cf', `lethic@${DOMAIN}`)).to.equal(null);
  });

  it('resolves an alias to all its targets, and a mailbox to itself', async () => {
    const hotline = await q('virtual-aliases.cf', `hotline@${DOMAIN}`);
    expect(hotline?.split(',').sort()).to.deep.equal([`nguyenvana@${DOMAIN}`, `tranthib@${DOMAIN}`]);
    expect(await q('virtual-aliases.cf', `nguyenvana@${DOMAIN}`)).to.equal(`nguyenvana@${DOMAIN}`);
    expect(await q('virtual-aliases.cf', `lethic@${DOMAIN}`)).to.equal('successor@example.vn');
  });

  it('ignores inactive and expired aliases but honours a future expiry', async () => {
    expect(await q('virtual-aliases.cf', `vanthu@${DOMAIN}`)).to.equal(null);
    expect(await q('virtual-aliases.cf', `tamthoi@${DOMAIN}`)).to.equal(null);
    expect(await q('virtual-aliases.cf', `sukien@${DOMAIN}`)).to.equal(`nguyenvana@${DOMAIN}`);
  });

  it('lets a mailbox and the targets of its aliases send as the alias', async () => {
    expect(await q('sender-logins.cf', `nguyenvana@${DOMAIN}`)).to.equal(`nguyenvana@${DOMAIN}`);
    expect((await q('sender-logins.cf', `hotline@${DOMAIN}`))?.split(',').sort()).to.deep.equal([`nguyenvana@${DOMAIN}`, `tranthib@${DOMAIN}`]);
    expect(await q('sender-logins.cf', `tamthoi@${DOMAIN}`)).to.equal(null);
  });

  it('compares expiry as an instant, whatever offset the stored text carries', async function () {
    const db = getDb();
    if (db.dialect !== 'sqlite') {
      // MariaDB DATETIME has no offset; the map compares with UTC_TIMESTAMP, as sequelize stores UTC.
      const [row] = await db.sequelize.query<{ past: number }>(
        `SELECT expires_at < UTC_TIMESTAMP(3) AS past FROM mail_aliases WHERE address = 'tamthoi@${DOMAIN}'`, { type: QueryTypes.SELECT });
      expect(Number(row!.past)).to.equal(1);
      return;
    }
    const [row] = await db.sequelize.query<{ expires_at: string }>(
      `SELECT expires_at FROM mail_aliases WHERE address = 'sukien@${DOMAIN}'`, { type: QueryTypes.SELECT });
    expect(row!.expires_at).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00$/);
    // 30 minutes ago written in +07:00: as text it sorts after "now" in UTC, as an instant it is past.
    const past = new Date(Date.now() - 30 * MINUTE_MS + 7 * 60 * MINUTE_MS).toISOString().replace('T', ' ').replace('Z', ' +07:00');
    await db.sequelize.query(`INSERT INTO mail_aliases (address, goto, domain, active, expires_at, created_at, updated_at)
      VALUES ('hanoi@${DOMAIN}', 'x@example.vn', '${DOMAIN}', 1, '${past}', '${past}', '${past}')`);
    expect(await q('virtual-aliases.cf', `hanoi@${DOMAIN}`)).to.equal(null);
  });
});
