// Issue 13 item 11, the roster half: random roster files (CSV, every cell random: Vietnamese names, names with no
// Latin letter, over-long text, NULs, quotes, commas and line breaks inside cells, unknown and lower-case agency
// codes, broken e-mails, dates where no date belongs, unknown statuses, values under no header) imported for
// real with skipInvalid. Every non-blank row must be either accepted (in the preview, and its mailbox exists
// after the write) or refused with errors naming that row and one of the file's columns, never both; nothing
// throws. CI runs a fixed seed; FUZZ_SEED / FUZZ_RUNS (rows) replay a failure or run long.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { fuzzRuns, fuzzSeed } from '../../support/fuzz.js';
import { seedHoabinh, TEST_ACTOR, TEST_SECRET } from '../../support/provisioning-fixtures.js';
import { importRosterFile } from '../../../server/services/provisioning/index.js';

const COLUMNS = ['employee_code', 'full_name', 'agency_code', 'position', 'personal_email', 'status'];
/** Rows per imported file. */
const BATCH = 25;

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '"', '""', ',', '\r\n', '\n', ';', '=1+1', '@SUM(A1)', '31/02/2026', '2026-13-45', '00/00/0000', '45292',
    'null', 'undefined', '__proto__', 'constructor', '\u200b', '\ufeff', 'x'.repeat(300), 'Đ'.repeat(256)),
);
/** Mostly a value HR would type, sometimes a hostile one: so that both accepted and refused rows are common. */
const cell = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: fc.oneof(bad, junk) });
const name = cell(
  fc.oneof(
    fc.constantFrom('Nguyễn Văn An', 'Trần Thị Ngọc Hường', 'Lê Văn Đức', 'Phạm Thị Ánh Nguyệt', 'Đặng Quang Huy', 'Bùi Thị Thu Hà',
      'nguyễn văn an', 'NGUYỄN VĂN AN', 'Nguyễn  Văn   An', 'Nguye\u0302\u0303n Va\u0306n An', 'Hồ', 'Ông Ích Khiêm', 'Y Moan Ênuôl',
      'Nguyễn "Tí" Văn', 'Lê, Văn', 'Trần\nThị'),
    fc.array(fc.constantFrom('Nguyễn', 'Thị', 'Văn', 'Ánh', 'Đức', 'Hường', 'Ưng', 'Ỷ', 'Lan', 'Ngọc', 'Quỳnh', 'O\'Neil', '-', '.'), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(' '))),
  fc.constantFrom('日本 太郎', '😀', '  ', 'Nguyễn\u0000Văn', 'Đ'.repeat(256)),
);
const code = cell(
  fc.oneof(
    fc.integer({ min: 1, max: 200 }).map((n) => `NV${String(n).padStart(3, '0')}`), // a pool: repeats, updates and transfers across files
    fc.integer({ min: 1, max: 200 }).map((n) => `nv${String(n).padStart(3, '0')}`),
    fc.uuid().map((u) => `FZ-${u.slice(0, 8)}`)),
  fc.constantFrom('', 'NV 001', '.NV', 'x'.repeat(65), 'NVĐ01', '-1'),
);
const agency = cell(fc.constantFrom('STC', 'SNV', 'stc', ' STP ', 'UBND'), fc.constantFrom('XYZ', '', 'S T C', 'STC\u0000'));
const email = cell(
  fc.oneof(fc.constantFrom('', '', 'an.nguyen@gmail.com', 'AN@Example.VN'), fc.emailAddress()),
  fc.constantFrom('a@', '@b.vn', 'a b@c.vn', 'a@b..vn', 'a@@b.vn', 'ánh@example.vn', 'a@b', 'a@b.c', `${'a'.repeat(70)}@example.vn`, '"a,b"@example.vn',
    'a@example.vn\u0000', '31/02/2026'),
);
const status = cell(fc.constantFrom('', '', 'active', 'Active', 'on leave', 'on-leave', 'ON_LEAVE', 'left'), fc.constantFrom('nghỉ', 'retired', '2026-01-01'));
const position = cell(fc.constantFrom('Chuyên viên', 'Giám đốc', 'Phó Chánh Văn phòng', ''), fc.constantFrom('x'.repeat(300), '31/02/2026'));
const row = fc.record({
  employee_code: code, full_name: name, agency_code: agency, position,
  personal_email: email, status, extra: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk }),
});
type FuzzRow = typeof row extends fc.Arbitrary<infer T> ? T : never;

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function rosterFile(rows: FuzzRow[], crlf: boolean): string {
  const nl = crlf ? '\r\n' : '\n';
  const lines = rows.map((r) => [...COLUMNS.map((c) => r[c as keyof FuzzRow] ?? ''), ...(r.extra === undefined ? [] : [r.extra])].map(csvCell).join(','));
  return [COLUMNS.join(','), ...lines].join(nl) + nl;
}

forEachDb('issue 13 item 11: fuzzed roster rows', (getDb) => {
  const db = (): TestDb => getDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-fuzz-roster-'));

  before(async function () {
    this.timeout(60_000);
    await seedHoabinh(db());
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts every row or refuses it with an error naming its row and field, never both, and writes what it accepts', async function () {
    this.timeout(0); // a long FUZZ_RUNS run takes as long as it takes; the CI default stays small
    const rowsWanted = fuzzRuns(500);
    let n = 0;
    const seen = { accepted: 0, refused: 0, written: 0 };
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: BATCH, maxLength: BATCH }), fc.boolean(), async (rows, crlf) => {
      const file = path.join(dir, `roster-${++n}.csv`);
      fs.writeFileSync(file, rosterFile(rows, crlf));
      const r = await importRosterFile(db(), file, { actor: TEST_ACTOR, secretKey: TEST_SECRET, skipInvalid: true });
      const fields = new Set([...COLUMNS, 'column_7']);
      for (const e of r.errors) {
        expect(e.row, JSON.stringify(e)).to.be.within(2, rows.length + 1);
        expect(fields, `error names no column of the file: ${JSON.stringify(e)}`).to.include(e.field);
        expect(e.message, JSON.stringify(e)).to.be.a('string').and.not.equal('');
      }
      for (const [i, cells] of rows.entries()) {
        const rowNo = i + 2; // the header is row 1; one row per CSV record, as a spreadsheet shows it
        const accepted = r.preview.filter((p) => p.row === rowNo);
        const refused = r.errors.filter((e) => e.row === rowNo);
        const blank = [...COLUMNS.map((c) => cells[c as keyof FuzzRow] ?? ''), cells.extra ?? ''].every((v) => v.trim() === '');
        if (blank) {
          expect([accepted, refused], `row ${rowNo} is blank`).to.deep.equal([[], []]);
          continue;
        }
        expect(accepted.length + (refused.length > 0 ? 1 : 0), `row ${rowNo} ${JSON.stringify(cells)}: accepted ${JSON.stringify(accepted)}, refused ${JSON.stringify(refused)}`).to.equal(1);
        if (accepted.length === 1) seen.accepted++; else seen.refused++;
        if (accepted.length === 1 && accepted[0]!.address) {
          seen.written++;
          const [local, domain] = accepted[0]!.address.split('@');
          expect(await db().models.Mailbox.count({ where: { local_part: local, domain } }), `row ${rowNo}: ${accepted[0]!.address} was not written`).to.equal(1);
        }
      }
    }), { seed: fuzzSeed(), numRuns: Math.ceil(rowsWanted / BATCH) });
    // The generator must reach both sides; a fuzz that only ever refuses tests nothing about writing.
    expect(seen.accepted, JSON.stringify(seen)).to.be.greaterThan(0);
    expect(seen.refused, JSON.stringify(seen)).to.be.greaterThan(0);
  });
});
