import { expect } from 'chai';
import { parseEnv, ConfigError } from '../../../server/config/env.js';

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

  it('treats empty values as unset, as .env files write them', () => {
    expect(parseEnv({ SECRET_KEY: '', PORT: '' }).PORT).to.equal(3000);
  });
});
