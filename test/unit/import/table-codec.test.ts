import { expect } from 'chai';
import { packTable, unpackTable } from '../../../server/services/import/table-codec.js';
import { parseTable } from '../../../server/services/import/table-reader.js';

describe('packed tables', () => {
  it('unpack to the table that was packed: rows, blank cells, issues and a __proto__ header', async () => {
    const table = await parseTable(new TextEncoder().encode('code,Tên,__proto__,code\nNV1,Nguyễn Văn An,,x\n\nNV2,,"Trần\nThị",y\n'));
    expect(table.issues).to.have.length(1);
    const back = unpackTable(packTable(table));
    expect(back).to.deep.equal(table);
    expect(Object.getPrototypeOf(back.rows[0]!.values)).to.equal(Object.prototype);
  });

  it('refuses bytes that are not a packed table', () => {
    expect(() => unpackTable(Buffer.from('code,name\nNV1,An\n'))).to.throw();
  });
});
