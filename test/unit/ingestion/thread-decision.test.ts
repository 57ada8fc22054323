import { expect } from 'chai';
import {
  decideThread, ownTicketRefFromHeaders, referenceLookupIds, subjectCaseRef, type ThreadCandidates, type ThreadDecision,
} from '../../../server/services/ingestion/thread-decision.js';
import { findBodyMarker, makeBodyMarker, makeOwnMessageId, readOwnMessageId } from '../../../server/services/threading/index.js';

const SECRET = 'test-secret-0123456789';
const REF = 'STC-2026-000123';

describe('own Message-ID', () => {
  const id = makeOwnMessageId({ ticketRef: REF, nonce: 'k3x9', secret: SECRET, domain: 'Hotline.STC.example.vn' });

  it('has the shape <ticket.REF.NONCE.HMAC8@domain>', () => {
    expect(id).to.match(/^<ticket\.STC-2026-000123\.k3x9\.[0-9a-f]{8}@hotline\.stc\.example\.vn>$/);
  });

  it('reads back the ticket ref, with or without brackets and after a relay changed the case', () => {
    expect(readOwnMessageId(id, SECRET)).to.equal(REF);
    expect(readOwnMessageId(id.slice(1, -1), SECRET)).to.equal(REF);
    expect(readOwnMessageId(id.toUpperCase(), SECRET)).to.equal(REF);
  });

  it('rejects a forged HMAC, another ticket ref with the same HMAC, and a wrong secret', () => {
    const hmac = /\.([0-9a-f]{8})@/.exec(id)![1];
    const flipped = hmac.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(readOwnMessageId(id.replace(hmac, flipped), SECRET)).to.equal(null);
    expect(readOwnMessageId(id.replace(REF, 'STC-2026-000124'), SECRET)).to.equal(null);
    expect(readOwnMessageId(id, 'another-secret')).to.equal(null);
  });

  it('accepts ids signed with an older secret during rotation', () => {
    expect(readOwnMessageId(id, ['new-secret', SECRET])).to.equal(REF);
  });

  it('ignores ids that are not ours', () => {
    expect(readOwnMessageId('<CAFoo123@mail.gmail.com>', SECRET)).to.equal(null);
  });

  it('refuses a nonce that would break the format', () => {
    expect(() => makeOwnMessageId({ ticketRef: REF, nonce: 'a.b', secret: SECRET, domain: 'x.vn' })).to.throw();
  });

  it('finds our ref in References when a client dropped In-Reply-To, skipping forged ids', () => {
    const forged = id.replace(/\.[0-9a-f]{8}@/, '.00000000@').slice(1, -1);
    const references = [id.slice(1, -1), 'other@example.org', forged];
    expect(ownTicketRefFromHeaders(null, references, SECRET)).to.equal(REF);
    expect(ownTicketRefFromHeaders(forged, [], SECRET)).to.equal(null);
  });
});

describe('body marker', () => {
  const marker = makeBodyMarker(REF, SECRET);

  it('is a short token like [#GM:STC-2026-000123:0123456789abcdef]', () => {
    expect(marker).to.match(/^\[#GM:STC-2026-000123:[0-9a-f]{16}\]$/);
  });

  it('survives > quoting, twice, inside a reply', () => {
    const reply = `Cảm ơn, tôi bổ sung hồ sơ.\n\nOn Mon, Hotline wrote:\n> Kính gửi ông An,\n> > ${marker}\n> Trân trọng`;
    expect(findBodyMarker(reply, SECRET)).to.equal(REF);
  });

  it('rejects a marker whose HMAC was forged or copied onto another ref', () => {
    expect(findBodyMarker('[#GM:STC-2026-000123:00000000]', SECRET)).to.equal(null);
    expect(findBodyMarker(marker.replace(REF, 'STC-2026-000999'), SECRET)).to.equal(null);
  });

  it('returns the first genuine marker when a forged one comes first', () => {
    expect(findBodyMarker(`[#GM:STC-2026-000999:deadbeef]\n> ${marker}`, SECRET)).to.equal(REF);
  });
});

describe('subjectCaseRef', () => {
  const cases: [string, string | null][] = [
    ['Re: [STC-2026-000123] Hồ sơ cấp phép', REF],
    ['TL: Hồ sơ #stc-2026-000123', REF],
    ['Re: Hồ sơ STC-2026-0001234567', 'STC-2026-0001234567'],
    ['Re: Hồ sơ STC-2026-00012', null],
    ['Re: XSTC-2026-000123X', null],
    ['Hỏi về thủ tục', null],
  ];
  for (const [subject, ref] of cases) {
    it(`reads ${JSON.stringify(ref)} from ${JSON.stringify(subject)}`, () => {
      expect(subjectCaseRef(subject)).to.equal(ref);
    });
  }
});

describe('decideThread', () => {
  const rows: { name: string; input: ThreadCandidates; want: ThreadDecision }[] = [
    {
      name: 'prefers our own HMAC Message-ID over every other signal',
      input: { byOwnMessageId: 'A-2026-000001', byReferences: { ticketRef: 'B-2026-000002', senderParticipates: true }, byBodyMarker: 'C-2026-000003', bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: true } },
      want: { action: 'append', ticketRef: 'A-2026-000001', via: 'own_message_id' },
    },
    {
      name: 'uses In-Reply-To/References before the body marker',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: true }, byBodyMarker: 'C-2026-000003' },
      want: { action: 'append', ticketRef: 'B-2026-000002', via: 'references' },
    },
    {
      name: 'issue 13 item 9: opens a new ticket that may relate to the ticket a stranger\'s References name (no hijack)',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: false } },
      want: { action: 'new', mayRelateTo: 'B-2026-000002' },
    },
    {
      name: 'still threads a stranger\'s mail by a genuine body marker',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: false }, byBodyMarker: 'C-2026-000003' },
      want: { action: 'append', ticketRef: 'C-2026-000003', via: 'body_marker' },
    },
    {
      name: 'relates a stranger\'s mail to the References\' ticket before the subject ref or the answered subject',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: false }, bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: false },
        byAnsweredSubject: 'E-2026-000005' },
      want: { action: 'new', mayRelateTo: 'B-2026-000002' },
    },
    {
      name: 'threads a stranger\'s mail by the subject ref they already take part in, whatever their References name',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: false }, bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: true } },
      want: { action: 'append', ticketRef: 'D-2026-000004', via: 'subject_ref' },
    },
    {
      name: 'threads a reply whose Message-ID Outlook rewrote, via the body marker',
      input: { byBodyMarker: 'C-2026-000003', bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: true } },
      want: { action: 'append', ticketRef: 'C-2026-000003', via: 'body_marker' },
    },
    {
      name: 'accepts a subject ref when the sender already takes part in the ticket',
      input: { bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: true } },
      want: { action: 'append', ticketRef: 'D-2026-000004', via: 'subject_ref' },
    },
    {
      name: 'opens a new ticket that may relate to the subject ref when a stranger quotes it (no hijack)',
      input: { bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: false } },
      want: { action: 'new', mayRelateTo: 'D-2026-000004' },
    },
    {
      name: 'offers the sender\'s open ticket whose subject a "Re:" answers as "may relate to", never appending to it on the subject alone',
      input: { byAnsweredSubject: 'E-2026-000005' },
      want: { action: 'new', mayRelateTo: 'E-2026-000005' },
    },
    {
      name: 'prefers a quoted case ref to the answered subject for "may relate to"',
      input: { bySubjectRef: { ticketRef: 'D-2026-000004', senderParticipates: false }, byAnsweredSubject: 'E-2026-000005' },
      want: { action: 'new', mayRelateTo: 'D-2026-000004' },
    },
    {
      name: 'threads by References even when the subject answers another open ticket',
      input: { byReferences: { ticketRef: 'B-2026-000002', senderParticipates: true }, byAnsweredSubject: 'E-2026-000005' },
      want: { action: 'append', ticketRef: 'B-2026-000002', via: 'references' },
    },
    { name: 'opens a new ticket when nothing matched', input: {}, want: { action: 'new' } },
    { name: 'treats null lookups as no match', input: { byOwnMessageId: null, byReferences: null, byBodyMarker: null, bySubjectRef: null, byAnsweredSubject: null },
      want: { action: 'new' } },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(decideThread(row.input)).to.deep.equal(row.want);
    });
  }

  it('looks references up In-Reply-To first, then References newest first, once each', () => {
    expect(referenceLookupIds('c@x', ['a@x', 'b@x', 'c@x'])).to.deep.equal(['c@x', 'b@x', 'a@x']);
  });
});
