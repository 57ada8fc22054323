// Hostile review, item 3: with a blank password the hotline form kept the stored one whatever host, port, user or
// TLS was typed, so "test connection" sent the real hotline password to any listener; the error text told open
// ports from closed ones. A real listener here: a plain TCP server on loopback that speaks just enough IMAP to be
// sent a LOGIN, and records every byte that arrives.
import net from 'node:net';
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, TEST_SECRET } from '../../support/web.js';
import { openSecret } from '../../../server/services/crypto/secret-box.js';

const PASSWORD = 'Hotline-Secret-Leak-41';

interface Listener { host: string; port: number; received: () => string; connections: () => number; close: () => Promise<void> }

/** A TCP listener on `host` that greets like an IMAP server, refuses every LOGIN, and records what it is sent. */
async function imapLikeListener(host: string, mode: 'imap' | 'hang-up' = 'imap'): Promise<Listener> {
  let data = '';
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'hang-up') return void socket.destroy();
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      buffer += chunk.toString('latin1');
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const [tag, command] = buffer.slice(0, at).split(' ');
        buffer = buffer.slice(at + 2);
        if (/^capability$/i.test(command ?? '')) socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
        else if (/^logout$/i.test(command ?? '')) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} NO [AUTHENTICATIONFAILED] refused\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host, port, received: () => data, connections: () => connections,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

forEachDb('issue 13 item 3: hotline "test connection" does not leak the stored secret', (getDb) => {
  const db = (): TestDb => getDb();
  let app: ReturnType<typeof testApp>;
  let listener: Listener;
  let stored: { host: string; port: number };
  const ids: Record<string, number> = {};

  before(async () => {
    for (const code of ['LEAK', 'ORCL', 'PLN']) ids[code] = (await db().models.Agency.create({ code, name: `Sở ${code}`, kind: 'department' })).id;
    // The changed host is another loopback address, so it is not the stored one but still reaches the listener.
    listener = await imapLikeListener('127.0.0.2');
    stored = { host: '127.0.0.1', port: await closedPort() };
    app = testApp(db());
  });
  after(async () => listener?.close());

  async function admin() {
    const u = await buildUser(db(), { role: 'admin' });
    return { ...(await loginAgent(app, u.username, u.password)), username: u.username };
  }
  const form = (over: Record<string, string> = {}) => ({
    host: stored.host, port: String(stored.port), plain: '1', user: 'leak@hotline.example', password: PASSWORD, folder: 'INBOX', interval: '60',
    // confirm=1 answers the cut-off question a save that starts the inbox over asks first (issue 15 item 4, tested in hotline-tools)
    confirm: '1', ...over,
  });

  it('issue 13 item 3: blank password + changed host is refused, and the test sends nothing to the typed host', async () => {
    const { agent, csrf } = await admin();
    await agent.post('/admin/hotlines/LEAK').type('form').send({ _csrf: csrf, ...form() }).expect(303);
    const res = await agent.post('/admin/hotlines/LEAK').type('form')
      .send({ _csrf: csrf, ...form({ host: listener.host, port: String(listener.port), password: '' }) });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Nhập lại mật khẩu');
    const row = (await db().models.HotlineInbox.findOne({ where: { agency_id: ids.LEAK } }))!;
    expect([row.imap_host, row.imap_port]).to.deep.equal([stored.host, stored.port]);
    expect(openSecret(row.password_enc, TEST_SECRET)).to.equal(PASSWORD);

    await agent.post('/admin/hotlines/LEAK/test').type('form').send({ _csrf: csrf }).expect(200);
    expect(listener.connections()).to.equal(0);
    expect(listener.received()).to.equal('');
  });

  it('issue 13 item 3: a blank password is refused when the port, the user or TLS change too; kept when only folder or interval do', async () => {
    const { agent, csrf } = await admin();
    await agent.post('/admin/hotlines/LEAK').type('form').send({ _csrf: csrf, ...form() }).expect(303);
    for (const over of [{ port: String(listener.port) }, { user: 'someone@else.example' }, { secure: '1' }] as Record<string, string>[]) {
      const res = await agent.post('/admin/hotlines/LEAK').type('form').send({ _csrf: csrf, ...form({ ...over, password: '' }) });
      expect(res.status, JSON.stringify(over)).to.equal(422);
      expect(res.text).to.contain('Nhập lại mật khẩu');
    }
    await agent.post('/admin/hotlines/LEAK').type('form').send({ _csrf: csrf, ...form({ folder: 'Hotline', interval: '120', password: '' }) }).expect(303);
    const row = (await db().models.HotlineInbox.findOne({ where: { agency_id: ids.LEAK } }))!;
    expect([row.imap_folder, row.poll_interval_s]).to.deep.equal(['Hotline', 120]);
    expect(openSecret(row.password_enc, TEST_SECRET)).to.equal(PASSWORD);
    // A typed password with a new host is taken: the admin knows it.
    await agent.post('/admin/hotlines/LEAK').type('form').send({ _csrf: csrf, ...form({ host: '127.0.0.3' }) }).expect(303);
  });

  it('issue 13 item 3: plain IMAP only when explicitly allowed and only to a loopback host', async () => {
    const { agent, csrf } = await admin();
    const remote = await agent.post('/admin/hotlines/PLN').type('form').send({ _csrf: csrf, ...form({ host: 'imap.example.org' }) });
    expect(remote.status).to.equal(422);
    expect(remote.text).to.contain('chỉ dùng được với máy chủ cục bộ');
    const { plain: _plain, ...unticked } = form();
    const notAllowed = await agent.post('/admin/hotlines/PLN').type('form').send({ _csrf: csrf, ...unticked });
    expect(notAllowed.status).to.equal(422);
    expect(notAllowed.text).to.contain('phải được cho phép rõ ràng');
    expect(await db().models.HotlineInbox.count({ where: { agency_id: ids.PLN } })).to.equal(0);
    await agent.post('/admin/hotlines/PLN').type('form').send({ _csrf: csrf, ...unticked, host: 'imap.example.org', secure: '1' }).expect(303);
    await agent.post('/admin/hotlines/PLN').type('form').send({ _csrf: csrf, ...form() }).expect(303);
  });

  it('issue 13 item 3: one neutral text for a closed port, a server that hangs up and a refused login; each test audited', async () => {
    const { agent, csrf, username } = await admin();
    const hangUp = await imapLikeListener('127.0.0.1', 'hang-up');
    const loginRefused = await imapLikeListener('127.0.0.1');
    try {
      const texts: string[] = [];
      for (const port of [stored.port, hangUp.port, loginRefused.port]) {
        await agent.post('/admin/hotlines/ORCL').type('form').send({ _csrf: csrf, ...form({ port: String(port) }) }).expect(303);
        const res = await agent.post('/admin/hotlines/ORCL/test').type('form').send({ _csrf: csrf }).expect(200);
        const result = /data-testid="test-result">([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '';
        texts.push(result.replace(/\s+/g, ' ').trim());
      }
      expect(texts[0]).to.contain('Kiểm tra kết nối thất bại');
      expect(new Set(texts).size, texts.join(' | ')).to.equal(1);
      expect(loginRefused.received()).to.match(/LOGIN|AUTHENTICATE/i); // the listener was really talked to
      const audits = await db().models.AuditLog.findAll({ where: { actor: username, action: 'hotline.connection_tested' }, order: [['id', 'ASC']], raw: true });
      expect(audits).to.have.length(3);
      const details = audits.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details) as Record<string, unknown>);
      expect(audits.every((a) => a.target === 'agency:ORCL')).to.equal(true);
      expect(details.map((d) => [d.host, d.port, d.outcome])).to.deep.equal(
        [stored.port, hangUp.port, loginRefused.port].map((port) => [stored.host, port, 'failed']));
      for (const a of audits) expect(JSON.stringify(a)).not.to.contain(PASSWORD);
    } finally {
      await hangUp.close();
      await loginRefused.close();
    }
  });
});
