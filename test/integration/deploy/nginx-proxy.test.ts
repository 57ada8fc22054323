// scripts/deploy/nginx/govmail.conf in front of the real web app: a request over nginx's https reaches govmail as
// a secure request (X-Forwarded-Proto from a loopback proxy, which the app trusts by default), so its cookies carry
// Secure, while the same request straight to the app over http does not; plain http at nginx is redirected to
// https. Runs nginx in the foreground on free loopback ports with a self-signed certificate.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { freePort, waitForPort } from '../../support/free-port.js';
import { listenOnFreePort, testApp } from '../../support/web.js';

const SITE = fileURLToPath(new URL('../../../scripts/deploy/nginx/govmail.conf', import.meta.url));
const HOST = 'govmail.example.gov.vn';

interface Answer { status: number; headers: http.IncomingHttpHeaders }

function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, { headers: { Host: HOST, 'X-Forwarded-Proto': 'http' }, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

const langCookie = (a: Answer) => (a.headers['set-cookie'] ?? []).find((c) => c.startsWith('gm_lang='));

for (const kind of testDbKinds()) {
  describe(`nginx site in front of the web app [${kind}]`, function () {
    this.timeout(60_000);
    let db: TestDb;
    let app: { server: Server; baseUrl: string };
    let nginx: ChildProcess;
    let tmp: string;
    let httpsPort: number;
    let httpPort: number;

    before(async () => {
      db = await freshDb(kind);
      app = await listenOnFreePort(testApp(db));
      const appPort = new URL(app.baseUrl).port;
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-nginx-'));
      await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${HOST}`,
        '-keyout', path.join(tmp, 'privkey.pem'), '-out', path.join(tmp, 'fullchain.pem')]);
      [httpsPort, httpPort] = [await freePort(), await freePort()];
      const site = fs.readFileSync(SITE, 'utf8')
        .replaceAll('/etc/ssl/govmail/', `${tmp}/`)
        .replace(/^\s*listen \[::\].*$/gm, '')
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
        .replace('server 127.0.0.1:3000 ', `server 127.0.0.1:${appPort} `);
      fs.writeFileSync(path.join(tmp, 'govmail.conf'), site);
      fs.writeFileSync(path.join(tmp, 'nginx.conf'), [
        'daemon off;', 'master_process off;', `pid ${tmp}/nginx.pid;`, `error_log ${tmp}/error.log;`, 'events {}',
        `http { access_log off; client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy; include ${tmp}/govmail.conf; }`, '',
      ].join('\n'));
      nginx = spawn('nginx', ['-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', path.join(tmp, 'nginx.conf')], { stdio: 'ignore' });
      await waitForPort(httpsPort);
    });

    after(async () => {
      nginx?.kill('SIGTERM');
      app?.server.close();
      await db?.destroy();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('passes https requests on as secure, so cookies carry Secure, whatever X-Forwarded-Proto the client sent', async () => {
      const viaNginx = await get(`https://127.0.0.1:${httpsPort}/login?lang=en`);
      expect(viaNginx.status).to.equal(200);
      expect(langCookie(viaNginx)).to.match(/; Secure/i);
      const direct = await get(`${app.baseUrl}/login?lang=en`);
      expect(direct.status).to.equal(200);
      expect(langCookie(direct)).to.be.a('string').and.not.match(/; Secure/i);
    });

    it('redirects plain http to https', async () => {
      const plain = await get(`http://127.0.0.1:${httpPort}/login`);
      expect(plain.status).to.equal(301);
      expect(plain.headers.location).to.equal(`https://${HOST}/login`);
    });
  });
}
