import { expect } from 'chai';
import { searchKey } from '../../../server/services/ingestion/message-text.js';

describe('searchKey: ticket search with and without tone marks', () => {
  it('holds the NFC text and its tone-less form, so "dat dai" and "đất đai" both match', () => {
    const key = searchKey('Khiếu nại đất đai', 'Đường liên xã bị sạt lở');
    expect(key).to.contain('khiếu nại đất đai').and.contain('khieu nai dat dai').and.contain('duong lien xa bi sat lo');
  });

  it('normalises decomposed (NFD, windows-1258 style) input to NFC, so a precomposed query matches it', () => {
    const key = searchKey('Khiếu nại'.normalize('NFD'), 'Hòa Bình'.normalize('NFD'));
    expect(key).to.contain('khiếu nại').and.contain('hòa bình');
    expect(key.normalize('NFC')).to.equal(key);
  });

  it('stores text without tone marks once, not twice', () => {
    expect(searchKey('Hello', 'plain ascii')).to.equal('hello\nplain ascii');
  });
});
