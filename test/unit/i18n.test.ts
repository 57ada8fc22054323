import { expect } from 'chai';
import { t, missingEnglishKeys } from '../../server/i18n/index.js';

describe('i18n', () => {
  it('speaks Vietnamese by default and English on request, with variables', () => {
    expect(t('vi', 'home.welcome', { name: 'An' })).to.equal('Xin chào, An');
    expect(t('en', 'home.welcome', { name: 'An' })).to.equal('Hello, An');
  });

  it('falls back to the key itself when a string is missing, so gaps are visible', () => {
    expect(t('en', 'no.such.key')).to.equal('no.such.key');
  });

  it('has an English string for every Vietnamese key', () => {
    expect(missingEnglishKeys()).to.deep.equal([]);
  });
});
