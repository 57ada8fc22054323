// Zip files built by hand for the hostile-upload tests: an XLSX whose worksheet inflates to hundreds of MB from
// about half a megabyte, made without ever holding the inflated bytes (so the test process stays small), and one
// whose zip directory understates an entry's size. No binary fixture is committed.
import zlib from 'node:zlib';

export const MiB = 1024 * 1024;

export interface ZipEntry { name: string; deflated: Buffer; crc32: number; size: number }

/** `head`, then `unit` `times` over, then `tail`, deflated. Each piece is full-flushed (byte-aligned, no
 * back-references across pieces), so one compressed `unit` can be repeated as it is. */
export function repeatedEntry(name: string, parts: { head: string; unit: Buffer; times: number; tail: string }): ZipEntry {
  const piece = (bytes: Buffer) => zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const head = Buffer.from(parts.head);
  const tail = Buffer.from(parts.tail);
  const unit = piece(parts.unit);
  let crc = zlib.crc32(head);
  for (let i = 0; i < parts.times; i++) crc = zlib.crc32(parts.unit, crc);
  crc = zlib.crc32(tail, crc);
  const deflated = Buffer.concat([piece(head), ...Array<Buffer>(parts.times).fill(unit), piece(tail), zlib.deflateRawSync(Buffer.alloc(0))]);
  return { name, deflated, crc32: crc, size: head.length + parts.unit.length * parts.times + tail.length };
}

export function smallEntry(name: string, text: string): ZipEntry {
  const bytes = Buffer.from(text);
  return { name, deflated: zlib.deflateRawSync(bytes), crc32: zlib.crc32(bytes), size: bytes.length };
}

export interface ZipOptions {
  /** the inflated size the headers state (default: the true one); may lie */
  declaredSize?: (e: ZipEntry) => number;
  /** sizes and offsets saturated at 0xFFFFFFFF and given in zip64 extra fields, as some writers always do */
  zip64?: boolean;
}

/** A zip of deflated entries. */
export function buildZip(entries: ZipEntry[], opts: ZipOptions = {}): Buffer {
  const declared = opts.declaredSize ?? ((e: ZipEntry) => e.size);
  const saturated = 0xffffffff;
  const zip64Extra = (values: number[]) => {
    const extra = Buffer.alloc(4 + values.length * 8);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(values.length * 8, 2);
    values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + i * 8));
    return extra;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const localExtra = opts.zip64 ? zip64Extra([declared(e), e.deflated.length]) : Buffer.alloc(0);
    const centralExtra = opts.zip64 ? zip64Extra([declared(e), e.deflated.length, offset]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(opts.zip64 ? 45 : 20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc32 >>> 0, 14);
    local.writeUInt32LE(opts.zip64 ? saturated : e.deflated.length, 18);
    local.writeUInt32LE(opts.zip64 ? saturated : declared(e), 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4); // version made by
    central.writeUInt16LE(opts.zip64 ? 45 : 20, 6); // version needed
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc32 >>> 0, 16);
    central.writeUInt32LE(opts.zip64 ? saturated : e.deflated.length, 20);
    central.writeUInt32LE(opts.zip64 ? saturated : declared(e), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(opts.zip64 ? saturated : offset, 42);
    locals.push(local, name, localExtra, e.deflated);
    centrals.push(central, name, centralExtra);
    offset += local.length + name.length + localExtra.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * A workbook exceljs opens, whose first sheet is `sheetMiB` MiB once inflated: a header row and then blanks.
 * `declaredSheetMiB` makes the zip directory claim a smaller size for that sheet.
 */
export function xlsxBomb(opts: { sheetMiB: number; declaredSheetMiB?: number; zip64?: boolean }): Buffer {
  const sheet = repeatedEntry('xl/worksheets/sheet1.xml', {
    head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>` +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>employee_code</t></is></c></row>',
    unit: Buffer.alloc(MiB, 0x20),
    times: opts.sheetMiB,
    tail: '</sheetData></worksheet>',
  });
  return buildZip(workbookParts(sheet), {
    zip64: opts.zip64,
    declaredSize: (e) => (e === sheet && opts.declaredSheetMiB !== undefined ? opts.declaredSheetMiB * MiB : e.size),
  });
}

/** The parts of a one-sheet workbook around `sheet` (xl/worksheets/sheet1.xml). */
export function workbookParts(sheet: ZipEntry): ZipEntry[] {
  return [
    smallEntry('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    smallEntry('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    smallEntry('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    smallEntry('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ];
}
