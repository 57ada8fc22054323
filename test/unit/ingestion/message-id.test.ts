import { expect } from 'chai';
import { parseMail } from '../../../server/mail/parse.js';
import { messageIdList, normaliseMessageId, syntheticMessageId } from '../../../server/mail/message-id.js';

describe('normaliseMessageId', () => {
  const cases: [string, string][] = [
    ['<Abc.123@Mail.Example.ORG>', 'Abc.123@mail.example.org'],
    ['  <abc@example.org>  ', 'abc@example.org'],
    ['abc@EXAMPLE.org', 'abc@example.org'],
    ['<abc@example.org> (comment)', 'abc@example.org'],
    ['<no-domain>', 'no-domain'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)} to ${JSON.stringify(expected)} (local part keeps its case)`, () => {
      expect(normaliseMessageId(input)).to.equal(expected);
    });
  }

  it('reads every id of a References header in order, without duplicates', () => {
    expect(messageIdList('<a@X.org>\r\n <b@y.org> <a@x.org>')).to.deep.equal(['a@x.org', 'b@y.org']);
  });
});

describe('syntheticMessageId', () => {
  const mail = 'From: citizen@example.vn\r\nSubject: no id\r\nDate: Mon, 1 Jan 2026 08:00:00 +0700\r\n\r\nHello\r\n';

  it('is deterministic and shaped <sha256@govmail.invalid>', () => {
    const id = syntheticMessageId(Buffer.from(mail));
    expect(id).to.match(/^<[0-9a-f]{64}@govmail\.invalid>$/);
    expect(syntheticMessageId(Buffer.from(mail))).to.equal(id);
  });

  it('survives re-delivery: extra Received/Delivered-To lines and an mbox From line do not change it', () => {
    const redelivered = 'From relay  Mon Jan  1 08:00:00 2026\nReceived: from relay by mx\r\nDelivered-To: h@x.vn\r\n' + mail;
    expect(syntheticMessageId(Buffer.from(redelivered))).to.equal(syntheticMessageId(Buffer.from(mail)));
  });

  it('differs when the body differs', () => {
    expect(syntheticMessageId(Buffer.from(mail + 'x'))).to.not.equal(syntheticMessageId(Buffer.from(mail)));
  });

  it('is what parseMail assigns to mail without a Message-ID, flagged as synthetic', async () => {
    const parsed = await parseMail(Buffer.from(mail));
    expect(parsed.messageIdSynthetic).to.equal(true);
    expect(`<${parsed.messageId}>`).to.equal(syntheticMessageId(Buffer.from(mail)));
  });
});
