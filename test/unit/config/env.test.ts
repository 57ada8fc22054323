import { expect } from 'chai';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseEnv, ConfigError, DEFAULT_EMBLEM_FILE } from '../../../server/config/env.js';

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('config/env', () => {
  it('defaults to an SQLite file under ./data, port 3000 and Asia/Ho_Chi_Minh', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).to.equal('sqlite:data/govmail.sqlite');
    expect(env.PORT).to.equal(3000);
    expect(env.TZ).to.equal('Asia/Ho_Chi_Minh');
    expect(env.SECRET_KEY_IS_DEV_DEFAULT).to.equal(true);
  });

  it('rejects an unknown database scheme, naming the variable and the accepted forms', () => {
    expect(problems({ DATABASE_URL: 'foo://x' })).to.deep.equal([
      'DATABASE_URL must start with sqlite: (e.g. sqlite:data/govmail.sqlite) or mysql:// (e.g. mysql://user:pass@host:3306/govmail)',
    ]);
  });

  it('requires SECRET_KEY in production and lists every problem at once', () => {
    const list = problems({ NODE_ENV: 'production', PORT: 'eighty', SMTP_URL: 'mail.example' });
    expect(list).to.have.length(3);
    expect(list.join('\n')).to.contain('SECRET_KEY is required in production');
    expect(list.join('\n')).to.contain('PORT');
    expect(list.join('\n')).to.contain('SMTP_URL must be smtp://');
  });

  it('rejects a short SECRET_KEY and accepts mysql URLs', () => {
    expect(problems({ SECRET_KEY: 'short' })[0]).to.contain('at least 32 characters');
    expect(parseEnv({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/govmail' }).DATABASE_URL).to.contain('mysql://');
  });

  it('takes DOVEADM_KICK as a command and refuses a URL, naming the variable', () => {
    expect(parseEnv({ DOVEADM_KICK: 'doveadm kick' }).DOVEADM_KICK).to.equal('doveadm kick');
    expect(parseEnv({ DOVEADM_KICK: '' }).DOVEADM_KICK).to.equal(undefined);
    expect(problems({ DOVEADM_KICK: 'http://127.0.0.1:8080/doveadm/v1' })).to.have.length(1).and.satisfy((p: string[]) => p[0]!.startsWith('DOVEADM_KICK'));
  });

  it('takes WEB_PROCESSES as 1 by default, a count, or auto (one per CPU), and refuses anything else', () => {
    expect(parseEnv({}).WEB_PROCESSES).to.equal(1);
    expect(parseEnv({ WEB_PROCESSES: '2' }).WEB_PROCESSES).to.equal(2);
    expect(parseEnv({ WEB_PROCESSES: 'auto' }).WEB_PROCESSES).to.equal(Math.min(64, os.availableParallelism()));
    for (const bad of ['0', 'two', '1.5', '65']) {
      expect(problems({ WEB_PROCESSES: bad }), bad).to.deep.equal(['WEB_PROCESSES must be a whole number from 1 to 64, or auto (one per CPU)']);
    }
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(parseEnv({ SECRET_KEY: '', PORT: '' }).PORT).to.equal(3000);
  });

  it('has idle and absolute session lifetimes with defaults, and refuses an idle window longer than the absolute one', () => {
    expect(parseEnv({})).to.include({ SESSION_IDLE_MINUTES: 120, SESSION_MAX_HOURS: 12 });
    expect(parseEnv({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' })).to.include({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 8 });
    expect(problems({ SESSION_IDLE_MINUTES: '600', SESSION_MAX_HOURS: '8' })).to.deep.equal(['SESSION_IDLE_MINUTES (600) must not exceed SESSION_MAX_HOURS (8) in minutes']);
    expect(problems({ SESSION_MAX_HOURS: 'zero' })[0]).to.match(/^SESSION_MAX_HOURS/);
  });

  it('seeds the demo province in development, and in production only when SEED_DEMO asks', () => {
    const key = { SECRET_KEY: 'k'.repeat(32) };
    expect(parseEnv({}).SEED_DEMO).to.equal(true);
    expect(parseEnv({ NODE_ENV: 'production', ...key }).SEED_DEMO).to.equal(false);
    expect(parseEnv({ NODE_ENV: 'production', SEED_DEMO: '1', ...key }).SEED_DEMO).to.equal(true);
    expect(parseEnv({ SEED_DEMO: 'false' }).SEED_DEMO).to.equal(false);
  });

  it('makes cookies Secure behind https: an https BASE_URL or a trusted proxy, unless COOKIE_SECURE says otherwise', () => {
    expect(parseEnv({}).SECURE_COOKIES).to.equal(false);
    expect(parseEnv({}).TRUST_PROXY).to.equal('loopback');
    expect(parseEnv({ BASE_URL: 'https://govmail.hoabinh.gov.vn' }).SECURE_COOKIES).to.equal(true);
    expect(parseEnv({ TRUST_PROXY: '1' })).to.include({ TRUST_PROXY: 1, SECURE_COOKIES: true });
    expect(problems({ TRUST_PROXY: 'true' })[0]).to.contain('TRUST_PROXY must not be true');
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).to.include({ TRUST_PROXY: 'loopback, 10.0.0.0/8', SECURE_COOKIES: true });
    expect(parseEnv({ TRUST_PROXY: 'false' })).to.include({ TRUST_PROXY: false, SECURE_COOKIES: false });
    expect(parseEnv({ TRUST_PROXY: '1', COOKIE_SECURE: 'false' }).SECURE_COOKIES).to.equal(false);
    expect(problems({ TRUST_PROXY: 'http://proxy' })[0]).to.match(/^TRUST_PROXY must be/);
  });

  it('names the province and takes its emblem file, refusing a missing file or a non-image with what to do', () => {
    const env = parseEnv({});
    expect(env.PROVINCE_NAME).to.equal('Tỉnh Hòa Bình');
    expect(env.PROVINCE_EMBLEM).to.equal(DEFAULT_EMBLEM_FILE).and.match(/views\/static\/emblem\.svg$/);
    const favicon = fileURLToPath(new URL('../../../views/static/favicon.svg', import.meta.url));
    expect(parseEnv({ PROVINCE_NAME: 'UBND tỉnh Sơn La', PROVINCE_EMBLEM: favicon })).to.include({ PROVINCE_NAME: 'UBND tỉnh Sơn La', PROVINCE_EMBLEM: favicon });
    expect(problems({ PROVINCE_EMBLEM: '/nowhere/emblem.png' })[0]).to.match(/^PROVINCE_EMBLEM must be the path of a .*image under 1 MB, or unset for the neutral emblem \(ENOENT/);
    expect(problems({ PROVINCE_EMBLEM: fileURLToPath(import.meta.url) })[0]).to.match(/^PROVINCE_EMBLEM must be the path of a \.svg\/\.png\/\.jpg\/\.jpeg\/\.webp image/);
    expect(problems({ PROVINCE_NAME: ' x ' })[0]).to.match(/^PROVINCE_NAME must name the province/);
  });
  it('reads the operations settings: a metrics token of 32+ characters, an address allow-list, alert addresses', () => {
    const env = parseEnv({ METRICS_TOKEN: 'a'.repeat(32), METRICS_ALLOW: '127.0.0.1, 10.0.0.0/8,::1', ALERT_ADDRESS: 'VanHanh@hoabinh.gov.vn, truc@hoabinh.gov.vn' });
    expect(env.METRICS_TOKEN).to.equal('a'.repeat(32));
    expect(env.METRICS_ALLOW).to.deep.equal(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(env.ALERT_ADDRESS).to.deep.equal(['vanhanh@hoabinh.gov.vn', 'truc@hoabinh.gov.vn']);
    expect(env.INBOX_STALE_MINUTES).to.equal(15);
    expect(env.LEASE_HISTORY_RETENTION_DAYS).to.equal(90);
    expect(parseEnv({ LEASE_HISTORY_RETENTION_DAYS: '7' }).LEASE_HISTORY_RETENTION_DAYS).to.equal(7);
    expect(env.METRICS_PUBLISH_SECONDS).to.equal(15);
    expect(parseEnv({ METRICS_PUBLISH_SECONDS: '1' }).METRICS_PUBLISH_SECONDS).to.equal(1);
    // a process must write well within the 15 minutes after which its figures count as those of a process gone
    expect(problems({ METRICS_PUBLISH_SECONDS: '900' })).to.have.length(1);
    expect(parseEnv({}).METRICS_ALLOW).to.deep.equal([]);
    expect(parseEnv({}).ALERT_ADDRESS).to.deep.equal([]);
    expect(problems({ METRICS_TOKEN: 'short', METRICS_ALLOW: 'intranet', ALERT_ADDRESS: 'vanhanh' })).to.deep.equal([
      'METRICS_TOKEN must be 32 to 256 printable characters without spaces (e.g. `openssl rand -hex 32`)',
      'METRICS_ALLOW must be a comma list of addresses or subnets such as 127.0.0.1, 10.0.0.0/8, ::1 (a prefix length of at most 32 for IPv4, 128 for IPv6)',
      'ALERT_ADDRESS must be an e-mail address, or a comma list of them (e.g. vanhanh@hoabinh.gov.vn)',
    ]);
    // a prefix too long for its family would otherwise pass here and fail later, when the app builds its allow-list
    expect(problems({ METRICS_ALLOW: '10.0.0.0/33' })).to.have.length(1);
    expect(problems({ METRICS_ALLOW: 'fd00::/129' })).to.have.length(1);
    expect(parseEnv({ METRICS_ALLOW: '10.0.0.0/32,fd00::/128' }).METRICS_ALLOW).to.deep.equal(['10.0.0.0/32', 'fd00::/128']);
  });
});
