import { expect } from 'chai';
import { boundedText, sanitizeForDisplay, searchKey } from '../../../server/services/ingestion/message-text.js';
import { capUtf8Bytes, TEXT_COLUMN_MAX_BYTES } from '../../../server/services/ingestion/text-cap.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('stored text forms fit a MariaDB TEXT column', () => {
  it('leaves short text alone', () => {
    expect(capUtf8Bytes('Đường liên xã')).to.equal('Đường liên xã');
  });
  it('cuts 3-byte Vietnamese text at a character boundary within the byte limit', () => {
    const cut = capUtf8Bytes('ệ'.repeat(30_000));
    expect(bytes(cut)).to.be.at.most(TEXT_COLUMN_MAX_BYTES);
    expect(cut).to.match(/^ệ+$/);
    expect(cut.length).to.equal(Math.floor(TEXT_COLUMN_MAX_BYTES / 3));
  });
  it('caps the body, the search key (with and without tone marks) and the sanitised HTML of a long mail', () => {
    const long = 'Phản ánh đất đai '.repeat(20_000);
    expect(bytes(boundedText(long))).to.be.at.most(TEXT_COLUMN_MAX_BYTES);
    expect(bytes(searchKey('Tiêu đề', long))).to.be.at.most(TEXT_COLUMN_MAX_BYTES);
    const html = sanitizeForDisplay(`<p>${'<img src="data:image/png;base64,iVBORw0KGgo=" alt="đất">'.repeat(5_000)}</p>`)!;
    expect(bytes(html)).to.be.at.most(TEXT_COLUMN_MAX_BYTES);
    expect(html).to.not.match(/<[^>]*$/);
  });
});
