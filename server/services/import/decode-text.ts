// Bytes of a text file (CSV) → NFC string. Vietnamese offices still produce legacy files: Excel's
// "Unicode Text" is UTF-16LE with a BOM, and older PCs save windows-1258 (vietnam.md §4.2). Decree 92/2017
// wants TCVN 6909 Unicode, but rejecting a roster for its encoding helps nobody, so decode and normalise.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

export const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((byte, i) => bytes[i] === byte);

/**
 * Decodes by BOM (UTF-8, UTF-16LE, UTF-16BE); without a BOM, as UTF-8 when the bytes are valid UTF-8,
 * otherwise as windows-1258. Always NFC, because windows-1258 carries tone marks as combining characters
 * and macOS exports NFD.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let encoding: TextEncodingName;
  let text: string;
  if (startsWith(bytes, UTF8_BOM)) {
    encoding = 'utf-8';
    text = decode(encoding, bytes.subarray(UTF8_BOM.length));
  } else if (startsWith(bytes, UTF16LE_BOM)) {
    encoding = 'utf-16le';
    text = decode(encoding, bytes.subarray(UTF16LE_BOM.length));
  } else if (startsWith(bytes, UTF16BE_BOM)) {
    encoding = 'utf-16be';
    text = decode(encoding, bytes.subarray(UTF16BE_BOM.length));
  } else {
    try {
      encoding = 'utf-8';
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      // Not UTF-8: every byte sequence is valid windows-1258, so this fallback never fails to decode.
      encoding = 'windows-1258';
      text = decode(encoding, bytes);
    }
  }
  return { text: text.normalize('NFC'), encoding };
}

function decode(encoding: TextEncodingName, bytes: Uint8Array): string {
  let decoder: TextDecoder;
  try {
    // ignoreBOM: the BOM was already removed above; a second one would be data.
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
  } catch {
    // Node built with small-icu lacks the legacy single-byte tables; official Node 20 builds have full ICU.
    throw new Error(`this Node.js build cannot decode ${encoding}; save the file as UTF-8 CSV`);
  }
  return decoder.decode(bytes);
}
