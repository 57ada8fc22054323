import { expect } from 'chai';
import { attachmentDisposition, safeFilename } from '../../../server/web/content-disposition.js';
import { isDangerousFile, servedContentType } from '../../../server/services/tickets/file-safety.js';

describe('download names and types (a citizen attachment is hostile input)', () => {
  const cases: [string, string][] = [
    ['Đơn khiếu nại.pdf', 'Đơn khiếu nại.pdf'],
    ['../../etc/passwd', 'etc_passwd'],
    ['a"\r\nSet-Cookie: x=1.txt', 'a_Set-Cookie_ x=1.txt'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['\u202eexe.pdf', 'exe.pdf'],
    ['...', 'tep-tin'],
  ];
  for (const [name, expected] of cases) {
    it(`cleans ${JSON.stringify(name)}`, () => {
      expect(safeFilename(name, 'tep-tin')).to.equal(expected);
    });
  }

  it('writes an ASCII fallback and the exact name in filename*, with no CR, LF or quote left', () => {
    const header = attachmentDisposition('Báo cáo "quý".docx\r\nX: 1');
    expect(header).to.not.match(/[\r\n]/);
    expect(header).to.equal(`attachment; filename="Bao cao _quy_.docxX_ 1"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20_qu%C3%BD_.docxX_%201`);
  });

  it('flags programs, scripts, macro documents and active content by the last extension or the declared type', () => {
    expect(isDangerousFile('cong-van.pdf.exe', 'application/pdf')).to.equal(true);
    expect(isDangerousFile('x.DOCM', 'application/octet-stream')).to.equal(true);
    expect(isDangerousFile('anh.png', 'image/svg+xml')).to.equal(true);
    expect(isDangerousFile('trang.htm', 'text/plain')).to.equal(true);
    expect(isDangerousFile('x.exe. ', 'text/plain')).to.equal(true);
    expect(isDangerousFile('don.pdf', 'application/pdf')).to.equal(false);
    expect(servedContentType('don.pdf', 'application/pdf; name=don.pdf')).to.equal('application/pdf');
    expect(servedContentType('x.html', 'text/html')).to.equal('application/octet-stream');
    expect(servedContentType('x.bin', 'application/x-whatever')).to.equal('application/octet-stream');
  });
});
