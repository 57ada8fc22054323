import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { parseTable } from '../../../server/services/import/table-reader.js';
import { parseOrgTable, readOrgFile } from '../../../server/services/org/org-file.js';
import { HOABINH_AGENCIES } from '../../../server/services/org/seed-hoabinh.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/org/${name}`, import.meta.url));
const HEADER = 'code,name,kind,parent_code,mail_domain,hotline_address';
const parseCsv = async (lines: string[], existing: string[] = []) =>
  parseOrgTable(await parseTable(new TextEncoder().encode(lines.join('\n'))), existing);
const where = (errors: { row: number; field: string }[]) => errors.map((e) => `${e.row}:${e.field}`);

describe('org file', () => {
  it('reads the HR template fixture into exactly the Hòa Bình seed, without errors', async () => {
    const { agencies, errors } = await readOrgFile(fixture('hoabinh-2016-agencies.csv'));
    expect(errors).to.deep.equal([]);
    expect(agencies).to.deep.equal(HOABINH_AGENCIES);
  });

  it('names the row and field of every mistake in the error fixture, counting the blank row', async () => {
    const { agencies, errors } = await readOrgFile(fixture('agencies-with-errors.csv'));
    expect(where(errors)).to.deep.equal([
      '4:code', '5:kind', '6:mail_domain', '7:hotline_address', '8:parent_code', '10:hotline_address',
    ]);
    expect(errors[0]!.message).to.contain('already used on row 3');
    expect(errors[1]!.message).to.contain('unknown kind "bộ"');
    expect(errors[4]!.message).to.contain('"PHUTHO" is neither in this file nor an existing agency');
    expect(errors[5]!.message).to.contain('not in the agency\'s mail_domain snv.hoabinh.gov.vn');
    expect(agencies.map((a) => a.code)).to.deep.equal(['UBND', 'STC']);
  });

  it('normalises the case of codes, kinds, domains and addresses', async () => {
    const { agencies } = await readOrgFile(fixture('agencies-with-errors.csv'));
    expect(agencies[1]).to.deep.equal({
      code: 'STC', name: 'Sở Tài chính', kind: 'department', parentCode: 'UBND',
      mailDomain: 'stc.hoabinh.gov.vn', hotlineAddress: 'duongdaynong@stc.hoabinh.gov.vn',
    });
  });

  it('accepts a parent_code that exists only in the database', async () => {
    const lines = [HEADER, 'STC,Sở Tài chính,department,UBND,stc.hoabinh.gov.vn,'];
    expect((await parseCsv(lines)).errors.map((e) => e.field)).to.deep.equal(['parent_code']);
    const { agencies, errors } = await parseCsv(lines, ['ubnd']);
    expect(errors).to.deep.equal([]);
    expect(agencies[0]!.hotlineAddress).to.equal(null);
  });

  it('requires a parent for everything but a province', async () => {
    const { errors } = await parseCsv([HEADER, 'SYT,Sở Y tế,department,,syt.hoabinh.gov.vn,']);
    expect(errors).to.deep.equal([{ row: 2, field: 'parent_code', message: 'parent_code is required for a department', id: 'org.parent_required', params: { kind: 'department' } }]);
  });

  it('rejects an agency that is its own parent and a parent cycle', async () => {
    const { errors } = await parseCsv([
      HEADER,
      'AAA,A,department,AAA,a.example.gov.vn,',
      'BBB,B,department,CCC,b.example.gov.vn,',
      'CCC,C,department,BBB,c.example.gov.vn,',
    ]);
    expect(where(errors)).to.deep.equal(['2:parent_code', '3:parent_code', '4:parent_code']);
    expect(errors[0]!.message).to.contain('is the agency itself');
    expect(errors[1]!.message).to.contain('cycle');
  });

  it('rejects a repeated hotline address and a code with diacritics', async () => {
    const { errors } = await parseCsv([
      HEADER,
      'UBND,Tỉnh,province,,hoabinh.gov.vn,duongdaynong@hoabinh.gov.vn',
      'SỞTC,Sở Tài chính,department,UBND,hoabinh.gov.vn,duongdaynong@hoabinh.gov.vn',
    ]);
    expect(where(errors)).to.deep.equal(['3:code', '3:hotline_address']);
  });

  it('reports missing and unknown columns against the header row and reads no agencies', async () => {
    const { agencies, errors } = await parseCsv(['code,name,kind,mail_domian', 'UBND,Tỉnh,province,hoabinh.gov.vn']);
    expect(agencies).to.deep.equal([]);
    expect(errors.map(({ row, field, message }) => ({ row, field, message }))).to.deep.equal([
      { row: 1, field: 'mail_domain', message: 'missing required column "mail_domain"' },
      { row: 1, field: 'mail_domian', message: 'unknown column "mail_domian"; expected code, name, kind, mail_domain, parent_code, hotline_address' },
    ]);
    expect(errors.map((e) => e.id)).to.deep.equal(['table.missing_column', 'table.unknown_column']);
  });
});
