import { expect } from 'chai';
import { answeredSubject, subjectKey } from '../../../server/services/ingestion/reply-subject.js';

describe('reply subjects', () => {
  const answers: [string, string][] = [
    ['Re: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['RE: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['Trả lời: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['Tra loi: Phan anh duong hong', 'phan anh duong hong'],
    ['TL: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['Fwd: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['FW: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['Chuyển tiếp: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['Re[2]: Re: TL: Fwd: Phản ánh đường hỏng', 'phan anh duong hong'],
    ['RE (3): phản ánh   ĐƯỜNG hỏng!', 'phan anh duong hong'],
    ['Re: ' + 'Phản ánh đường hỏng'.normalize('NFD'), 'phan anh duong hong'],
    ['Re：Phản ánh đường hỏng', 'phan anh duong hong'], // a full-width colon, as some Asian keyboards type it
  ];
  for (const [subject, key] of answers) {
    it(`reads ${JSON.stringify(subject)} as answering "${key}"`, () => {
      expect(answeredSubject(subject)).to.equal(key);
      expect(subjectKey(subject)).to.equal(key);
    });
  }

  const fresh: string[] = ['Phản ánh đường hỏng', 'Reo hò cổ vũ ầm ĩ', 'Trả lời giúp tôi: đường hỏng', 'Re:', 'Re:   ', 'Tái định cư: hỏi'];
  for (const subject of fresh) {
    it(`reads ${JSON.stringify(subject)} as answering nothing`, () => {
      expect(answeredSubject(subject)).to.equal(null);
    });
  }

  it('keys an original subject the way its answers are keyed', () => {
    expect(subjectKey('Phản ánh: đường hỏng.')).to.equal(subjectKey('Re: Phan anh - duong hong'));
    expect(subjectKey('Fwd: Phản ánh đường hỏng')).to.equal('phan anh duong hong');
  });
});
