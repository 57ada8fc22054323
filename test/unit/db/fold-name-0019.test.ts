// Migration 0019 backfills tickets.citizen_folded with a frozen copy of the fold; new tickets get it from
// services/text (ticket-row.ts). Both must agree, or a name typed without tone marks finds old and new tickets
// differently.
import { expect } from 'chai';
import { foldName0019 } from '../../../server/db/migrations/0019-queue-views.js';
import { stripToneMarks } from '../../../server/services/text/index.js';

describe('migration 0019: the frozen name fold', () => {
  for (const name of ['Nguyễn Thị Hường', 'ĐẶNG VĂN ĐỨC', 'Trần Ngọc Ánh', 'Lò Văn Thưởng', 'Hà Thị Ửng', 'plain ascii']) {
    it(`folds "${name}" as the search does`, () => {
      expect(foldName0019(name)).to.equal(stripToneMarks(name).toLowerCase());
    });
  }
});
