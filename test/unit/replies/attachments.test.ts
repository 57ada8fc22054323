import { expect } from 'chai';
import { checkAttachments, safeFileName } from '../../../server/services/replies/attachments.js';
import { ReplyInputError } from '../../../server/services/replies/errors.js';

const pdf = Buffer.from('%PDF-1.7\n...');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const refusal = (fn: () => unknown) => {
  try { fn(); } catch (e) { if (e instanceof ReplyInputError) return e.id; throw e; }
  throw new Error('not refused');
};

describe('reply attachments', () => {
  it('types a file by its first bytes and names it after what it is', () => {
    const out = checkAttachments([{ filename: 'C:\\Users\\x\\Công văn 12.doc', bytes: pdf }, { filename: 'anh', bytes: png }], 1024);
    expect(out.map((a) => [a.filename, a.contentType])).to.deep.equal([['Công văn 12.pdf', 'application/pdf'], ['anh.png', 'image/png']]);
  });
  it('skips the empty file of an untouched file input', () => {
    expect(checkAttachments([{ filename: '', bytes: Buffer.alloc(0) }], 10)).to.deep.equal([]);
  });
  it('refuses an executable named .pdf, too many files, and too many bytes', () => {
    expect(refusal(() => checkAttachments([{ filename: 'cong-van.pdf', bytes: Buffer.from('MZ\x90\x00') }], 1024))).to.equal('bad_type');
    expect(refusal(() => checkAttachments(Array.from({ length: 6 }, () => ({ filename: 'a.pdf', bytes: pdf })), 1024))).to.equal('too_many');
    expect(refusal(() => checkAttachments([{ filename: 'a.pdf', bytes: pdf }], 4))).to.equal('too_large');
  });
  it('keeps quotes, control characters and paths out of the name', () => {
    expect(safeFileName('../"x"\u0007<y>.pdf', '.pdf')).to.equal('xy.pdf');
    expect(safeFileName('', '.jpg')).to.equal('tep-dinh-kem.jpg');
  });
});
