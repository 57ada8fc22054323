// The zip checks that run before exceljs sees an XLSX. exceljs (through JSZip) inflates every part of the
// workbook into memory at once, so a 0.5 MB file whose sheet inflates to 500 MB took the web process to 1.8 GB.
// The central directory states each part's unzipped size: the sum is capped before anything is inflated
// (checkZipDirectory, cheap enough for the web thread). A crafted directory may understate a size, so
// checkZipInflation then inflates each part, stopping as soon as one yields more than the directory says; JSZip
// reads the same directory and the same bytes, so what exceljs inflates is then bounded by the checked sizes.
import zlib from 'node:zlib';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, mebibytes, TableReadError } from './table-limits.js';

export interface ZipEntry { name: string; method: number; compressedSize: number; size: number; localOffset: number }

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const SATURATED = 0xffffffff; // a 32-bit field whose real value is in the zip64 extra field
const STORED = 0;
const DEFLATED = 8;

const damaged = (why: string) => new TableReadError('zip_broken', `the workbook's zip structure is damaged (${why})`, { detail: why });

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The entries of the central directory, as JSZip reads it: from the last end-of-directory record. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const buf = asBuffer(bytes);
  let end = -1;
  // The end record is the last 22 bytes, unless a comment (up to 65,535 bytes) follows it.
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('no end of central directory');
  let count = buf.readUInt16LE(end + 10);
  let directorySize = buf.readUInt32LE(end + 12);
  let directoryOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === SATURATED || directoryOffset === SATURATED) {
    const locator = end - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw damaged('zip64 locator missing');
    const record = Number(buf.readBigUInt64LE(locator + 8));
    if (record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_END) throw damaged('zip64 end record missing');
    count = Number(buf.readBigUInt64LE(record + 32));
    directorySize = Number(buf.readBigUInt64LE(record + 40));
    directoryOffset = Number(buf.readBigUInt64LE(record + 48));
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new TableReadError('zip_entries', `the workbook holds ${count} parts, at most ${MAX_ZIP_ENTRIES}`, { count, limit: MAX_ZIP_ENTRIES });
  }
  if (directoryOffset + directorySize > buf.length) throw damaged('central directory past the end of the file');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== DIRECTORY_ENTRY) throw damaged(`directory entry ${i + 1}`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const next = at + 46 + nameLength + extraLength + buf.readUInt16LE(at + 32);
    if (next > buf.length) throw damaged(`directory entry ${i + 1}`);
    const entry: ZipEntry = {
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    };
    readZip64Sizes(buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Zip64 extended information (extra field 0x0001): 8-byte values for the saturated fields, in this order. */
function readZip64Sizes(extra: Buffer, entry: ZipEntry): void {
  const fields = (['size', 'compressedSize', 'localOffset'] as const).filter((f) => entry[f] === SATURATED);
  if (!fields.length) return;
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 0x0001) continue;
    if (extra.readUInt16LE(at + 2) < fields.length * 8 || at + 4 + fields.length * 8 > extra.length) break;
    fields.forEach((field, i) => (entry[field] = Number(extra.readBigUInt64LE(at + 4 + i * 8))));
    return;
  }
  throw damaged(`${entry.name}: zip64 sizes missing`);
}

/** Refuses a workbook whose parts add up to more than MAX_UNZIPPED_BYTES once unzipped, before inflating any. */
export function checkZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new TableReadError('unzipped_too_large', `the workbook unzips to ${mebibytes(total)} MB, more than the ${mebibytes(MAX_UNZIPPED_BYTES)} MB allowed`,
      { size: mebibytes(total), limit: mebibytes(MAX_UNZIPPED_BYTES) });
  }
  const odd = entries.find((e) => e.method !== STORED && e.method !== DEFLATED);
  if (odd) throw new TableReadError('zip_method', `${odd.name} is compressed with method ${odd.method} (encrypted or unusual); save the workbook again from Excel`, { name: odd.name });
  return entries;
}

/** Inflates each part up to its stated size, and refuses the file when one yields more (or less). */
export function checkZipInflation(bytes: Uint8Array): void {
  const buf = asBuffer(bytes);
  for (const entry of checkZipDirectory(bytes)) {
    const local = entry.localOffset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL_HEADER) throw damaged(`${entry.name}: local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + entry.compressedSize > buf.length) throw damaged(`${entry.name}: data past the end of the file`);
    const data = buf.subarray(start, start + entry.compressedSize);
    let inflated: number;
    if (entry.method === STORED) {
      inflated = data.length;
    } else {
      try {
        // One byte over the stated size is enough to know it lies; the output never grows past that.
        inflated = zlib.inflateRawSync(data, { maxOutputLength: entry.size + 1 }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') inflated = entry.size + 1;
        else throw damaged(`${entry.name}: ${(e as Error).message}`);
      }
    }
    if (inflated !== entry.size) {
      throw new TableReadError('zip_mismatch', `the workbook is damaged or crafted: ${entry.name} does not unzip to the size its zip directory states`, { name: entry.name });
    }
  }
}
