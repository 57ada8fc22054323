import { expect } from 'chai';
import { decodeText } from '../../../server/services/import/decode-text.js';

const TONE_MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

/** windows-1258 encoder for fixtures: precomposed letters where the code page has them, tones as combining bytes. */
function encodeWindows1258(text: string): Uint8Array {
  const byteOf = new Map<string, number>();
  const decoder = new TextDecoder('windows-1258');
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte);
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const direct = byteOf.get(char);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    // Split off the tone mark only; the base keeps its hat, breve or horn (ệ = ê + dot below).
    const nfd = char.normalize('NFD');
    const tone = [...nfd].find((mark) => TONE_MARKS.includes(mark)) ?? '';
    const base = nfd.replace(tone, '').normalize('NFC');
    for (const part of [base, tone]) {
      const byte = byteOf.get(part);
      if (byte === undefined) throw new Error(`cannot encode ${JSON.stringify(char)} in windows-1258`);
      bytes.push(byte);
    }
  }
  return Uint8Array.from(bytes);
}

const VIETNAMESE = 'Ủy ban nhân dân huyện Đà Bắc, Sở Tư pháp, Lạc Thủy';

describe('decodeText', () => {
  it('decodes UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(VIETNAMESE))).to.deep.equal({ text: VIETNAMESE, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(VIETNAMESE)]);
    expect(decodeText(bytes)).to.deep.equal({ text: VIETNAMESE, encoding: 'utf-8' });
  });

  it('decodes UTF-16LE with a BOM, as Excel "Unicode Text" saves it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VIETNAMESE, 'utf16le')]);
    expect(decodeText(bytes)).to.deep.equal({ text: VIETNAMESE, encoding: 'utf-16le' });
  });

  it('falls back to windows-1258 for bytes that are not UTF-8, and composes the tone marks (NFC)', () => {
    const bytes = encodeWindows1258(VIETNAMESE);
    // "Ủy" is U + combining hook above (0xD2) in windows-1258: proof the fixture uses a combining tone.
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0x55, 0xd2, 0x79]);
    expect(decodeText(bytes)).to.deep.equal({ text: VIETNAMESE, encoding: 'windows-1258' });
  });

  it('normalises NFD input (macOS exports) to NFC', () => {
    const { text } = decodeText(new TextEncoder().encode(VIETNAMESE.normalize('NFD')));
    expect(text).to.equal(VIETNAMESE);
  });
});
